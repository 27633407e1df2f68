using System.Net.Http;
using System.Security.Cryptography;

namespace DeepKeras.Datasets;

/// <summary>
/// Keras <c>get_file</c>: finds a dataset file in the Keras cache (<c>$KERAS_HOME</c> or <c>~/.keras</c>, falling back
/// to <c>/tmp/.keras</c> when that is not writable, then <c>datasets/</c>), or downloads it to a temporary file,
/// checks its hash and moves it into the cache atomically.
/// </summary>
internal static class DataFile
{
    /// <summary>The environment variable that replaces the download base URL (a mirror, or a local server in tests).</summary>
    public const string OriginVariable = "DEEPKERAS_DATASETS_ORIGIN";

    /// <summary>Where Keras downloads its Google-hosted datasets from.</summary>
    public const string DefaultOrigin = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>Gets or sets a base URL that wins over <see cref="OriginVariable"/> and <see cref="DefaultOrigin"/> (tests).</summary>
    internal static string? OriginOverride { get; set; }

    /// <summary>Gets the base URL downloads use, ending with <c>/</c>.</summary>
    public static string Origin
    {
        get
        {
            var origin = OriginOverride ?? Environment.GetEnvironmentVariable(OriginVariable);
            origin = string.IsNullOrWhiteSpace(origin) ? DefaultOrigin : origin.Trim();
            return origin.EndsWith('/') ? origin : origin + "/";
        }
    }

    /// <summary>
    /// Returns the URL to download a file that Keras fetches from another host than Google's (CIFAR-10 from the
    /// University of Toronto): <paramref name="url"/> itself, or the same file name under the mirror when
    /// <see cref="OriginVariable"/> (or <see cref="OriginOverride"/>) is set.
    /// </summary>
    /// <param name="url">The URL Keras uses.</param>
    public static string MirrorOr(string url)
    {
        var mirror = OriginOverride ?? Environment.GetEnvironmentVariable(OriginVariable);
        return string.IsNullOrWhiteSpace(mirror) ? url : Origin + Path.GetFileName(new Uri(url).AbsolutePath);
    }

    /// <summary>Gets the Keras cache root: <c>$KERAS_HOME</c>, else <c>~/.keras</c>.</summary>
    public static string CacheRoot
    {
        get
        {
            var home = Environment.GetEnvironmentVariable("KERAS_HOME");
            if (!string.IsNullOrWhiteSpace(home))
            {
                return Path.GetFullPath(home);
            }

            var user = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.Combine(string.IsNullOrEmpty(user) ? Path.GetTempPath() : user, ".keras");
        }
    }

    /// <summary>Gets the cache root used when <see cref="CacheRoot"/> is not writable.</summary>
    public static string FallbackRoot => Path.Combine(Path.GetTempPath(), ".keras");

    /// <summary>
    /// Returns the local path of <paramref name="fileName"/>, downloading it from <paramref name="url"/> when it is not
    /// cached (or when the cached copy fails <paramref name="fileHash"/>).
    /// </summary>
    /// <param name="fileName">The file name in the cache (an absolute path is used as is, as Keras does).</param>
    /// <param name="url">The full download URL.</param>
    /// <param name="fileHash">sha256 (64 hex digits) or md5 of the file; null to skip the check.</param>
    /// <param name="cacheSubdir">The folder under the cache root (<c>datasets</c>, <c>datasets/fashion-mnist</c>).</param>
    /// <param name="hint">An extra sentence for the not-available error (how else to get the file).</param>
    /// <exception cref="FileNotFoundException">Not cached and the download failed; the message names the URL and where to put the file.</exception>
    /// <exception cref="InvalidDataException">The downloaded file does not match <paramref name="fileHash"/>.</exception>
    public static string Get(string fileName, string url, string? fileHash, string cacheSubdir = "datasets", string? hint = null)
    {
        var primary = Path.Combine(CacheRoot, cacheSubdir, fileName);
        var fallback = Path.Combine(FallbackRoot, cacheSubdir, fileName);
        var candidates = Path.IsPathRooted(fileName) ? new[] { fileName } : new[] { primary, fallback };
        string? stale = null;
        foreach (var path in candidates)
        {
            if (!File.Exists(path))
            {
                continue;
            }

            if (fileHash is null || HashMatches(path, fileHash, out _))
            {
                return path;
            }

            // Keras re-downloads a cached file whose hash does not match (an interrupted or outdated copy).
            stale = path;
        }

        var target = stale ?? (Path.IsPathRooted(fileName) ? fileName : WritableTarget(primary, fallback));
        Download(url, target, fileHash, stale is not null, hint);
        return target;
    }

    /// <summary>Computes a file's hash with the algorithm Keras picks (<c>resolve_hasher</c>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="expectedHash">With <paramref name="algorithm"/> <c>auto</c>: 64 hex digits selects sha256, anything else md5.</param>
    /// <param name="algorithm"><c>sha256</c>, <c>md5</c> or <c>auto</c>.</param>
    public static string ComputeHash(string path, string expectedHash, string algorithm = "auto")
    {
        using var stream = File.OpenRead(path);
        var bytes = IsSha256(expectedHash, algorithm) ? SHA256.HashData(stream) : MD5.HashData(stream);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>The name of the algorithm Keras uses for <paramref name="expectedHash"/> and <paramref name="algorithm"/>.</summary>
    public static string AlgorithmName(string expectedHash, string algorithm) => IsSha256(expectedHash, algorithm) ? "sha256" : "md5";

    /// <summary>Whether the file's hash equals <paramref name="expected"/> (hex digits, case ignored).</summary>
    public static bool HashMatches(string path, string expected, out string actual, string algorithm = "auto")
    {
        actual = ComputeHash(path, expected, algorithm);
        return string.Equals(actual, expected.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsSha256(string expectedHash, string algorithm) =>
        algorithm == "sha256" || (algorithm == "auto" && expectedHash.Trim().Length == 64);

    /// <summary>Returns <paramref name="primary"/> when its folder can be created and written, else <paramref name="fallback"/> (Keras falls back to /tmp/.keras).</summary>
    internal static string WritableTarget(string primary, string fallback)
    {
        var dir = Path.GetDirectoryName(primary)!;
        try
        {
            Directory.CreateDirectory(dir);
            var probe = Path.Combine(dir, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return primary;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return fallback;
        }
    }

    /// <summary>
    /// Downloads <paramref name="url"/> (<c>http(s)://</c> or <c>file://</c>) to a temporary file beside
    /// <paramref name="target"/>, checks <paramref name="fileHash"/> and moves it into place; nothing is written on failure.
    /// </summary>
    /// <exception cref="FileNotFoundException">The download failed; the message names the URL and where to put the file.</exception>
    /// <exception cref="InvalidDataException">The downloaded file does not match <paramref name="fileHash"/>.</exception>
    internal static void Download(string url, string target, string? fileHash, bool replacingStale, string? hint, string algorithm = "auto")
    {
        var dir = Path.GetDirectoryName(target)!;
        var temp = Path.Combine(dir, $"{Path.GetFileName(target)}.{Guid.NewGuid():N}.part");
        Console.WriteLine($"Downloading data from {url}");
        try
        {
            Directory.CreateDirectory(dir);
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsFile)
            {
                // A local origin (a mirror folder, tests): copied as a download would be.
                if (!File.Exists(uri.LocalPath))
                {
                    throw NotAvailable(url, target, $"no such file: {uri.LocalPath}", replacingStale, hint, null);
                }

                using var source = File.OpenRead(uri.LocalPath);
                using var copy = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                source.CopyTo(copy);
            }
            else
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                using var response = Http.Send(request, HttpCompletionOption.ResponseHeadersRead);
                if (!response.IsSuccessStatusCode)
                {
                    throw NotAvailable(url, target, $"the server answered {(int)response.StatusCode} {response.ReasonPhrase}", replacingStale, hint, null);
                }

                using var body = response.Content.ReadAsStream();
                using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                body.CopyTo(file);
            }

            if (fileHash is not null && !HashMatches(temp, fileHash, out var actual, algorithm))
            {
                throw new InvalidDataException(
                    $"Incomplete or corrupted file detected. The {AlgorithmName(fileHash, algorithm)} file hash does not match the provided value " +
                    $"of {fileHash}: the file downloaded from {url} is corrupted or incomplete, its {AlgorithmName(fileHash, algorithm)} hash is {actual}. Nothing was written to {target}. Retry the download, or place a correct copy at that path.");
            }

            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or UnauthorizedAccessException
            && e is not FileNotFoundException && e is not InvalidDataException)
        {
            throw NotAvailable(url, target, e.Message, replacingStale, hint, e);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static FileNotFoundException NotAvailable(string url, string target, string reason, bool replacingStale, string? hint, Exception? inner)
    {
        var what = replacingStale
            ? $"The cached file {target} does not match its expected hash, and a fresh copy could not be downloaded"
            : $"Dataset file '{Path.GetFileName(target)}' is not in the Keras cache and could not be downloaded";
        var message = $"{what} from {url} ({reason}). Download it on a connected machine and put it at: {target}" +
            (hint is null ? "" : $" {hint}");
        return new FileNotFoundException(message, target, inner);
    }
}
