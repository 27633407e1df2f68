using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace DeepKeras.Tests.TestUtil;

/// <summary>
/// A tiny HTTP server on 127.0.0.1 (random free port) serving in-memory files, for download tests. It answers 404 for
/// unknown names, records the requested paths, and stops itself after <c>lifetime</c> even if a test forgets it.
/// </summary>
internal sealed class LocalFileServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly IReadOnlyDictionary<string, byte[]> _files;
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;

    public LocalFileServer(IReadOnlyDictionary<string, byte[]> files, TimeSpan? lifetime = null)
    {
        _files = files;
        (_listener, Port) = Start();
        _stop = new CancellationTokenSource(lifetime ?? TimeSpan.FromSeconds(60));
        _stop.Token.Register(() => _listener.Stop());
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>Gets the base URL, ending with a slash.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}/";

    /// <summary>Gets the paths requested so far (without the leading slash).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Returns a loopback port that nothing listens on (for "offline" tests).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with an exception when the listener is closed under it.
        }

        _stop.Dispose();
    }

    private static (HttpListener Listener, int Port) Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var name = context.Request.Url!.AbsolutePath.TrimStart('/');
            Requests.Enqueue(name);
            using var response = context.Response;
            if (_files.TryGetValue(name, out var body))
            {
                response.StatusCode = 200;
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body);
            }
            else
            {
                response.StatusCode = 404;
            }
        }
    }
}
