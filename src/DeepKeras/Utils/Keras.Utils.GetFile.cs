using DeepKeras.Datasets;

namespace DeepKeras;

public static partial class Keras
{
    public static partial class Utils
    {
        /// <summary>
        /// Returns the local path of a file from the Keras cache, downloading it first when it is not there (Keras
        /// <c>keras.utils.get_file</c>): the file goes to <c>cacheDir/cacheSubdir/fname</c>, by default
        /// <c>~/.keras/datasets/</c> (<c>$KERAS_HOME</c> replaces <c>~/.keras</c>; <c>/tmp/.keras</c> is used when the
        /// cache cannot be written). With a hash, a cached copy that does not match is downloaded again, and a download
        /// that does not match is refused; downloads land in a temporary file that is renamed when complete.
        /// </summary>
        /// <remarks>
        /// <paramref name="origin"/> may be an <c>http(s)://</c> URL or a <c>file://</c> URL (a local mirror). With
        /// <paramref name="extract"/> (or <paramref name="untar"/>) the archive is extracted next to it and the folder is
        /// returned: <c>fname</c> <c>"data.tar.gz"</c> is kept as <c>data.tar.gz</c> and extracted to
        /// <c>data_extracted/</c>; a name without a dot is kept as <c>name_archive</c> and extracted to <c>name/</c>.
        /// </remarks>
        /// <param name="fname">The file name in the cache; null: the last segment of <paramref name="origin"/>'s path. Must not contain a folder.</param>
        /// <param name="origin">The URL to download from (required).</param>
        /// <param name="untar">Deprecated in Keras: extract a tar archive (same as <paramref name="extract"/> with <c>archiveFormat: "tar"</c>).</param>
        /// <param name="md5Hash">Deprecated in Keras: an md5 hash to check (use <paramref name="fileHash"/>).</param>
        /// <param name="fileHash">The expected sha256 or md5 hash (hex digits) of the downloaded file; null: no check.</param>
        /// <param name="cacheSubdir">The folder under the cache root (default <c>datasets</c>); an absolute path is used as is.</param>
        /// <param name="hashAlgorithm"><c>"auto"</c> (default: sha256 for 64 hex digits, else md5), <c>"sha256"</c> or <c>"md5"</c>.</param>
        /// <param name="extract">Whether to extract the file as an archive and return the folder.</param>
        /// <param name="archiveFormat"><c>"auto"</c> (default: tar or zip, by content), <c>"tar"</c> or <c>"zip"</c>.</param>
        /// <param name="cacheDir">The cache root; null: <c>$KERAS_HOME</c> or <c>~/.keras</c>.</param>
        /// <param name="forceDownload">Whether to download even when the file is cached.</param>
        /// <returns>The path of the file, or of the extracted folder.</returns>
        /// <exception cref="ArgumentException">No origin, a file name with a folder in it, or one that cannot be derived from the URL.</exception>
        /// <exception cref="FileNotFoundException">Not cached and the download failed (the message names the URL and the path to put the file at).</exception>
        /// <exception cref="InvalidDataException">The downloaded file does not match the hash (nothing is written to the cache).</exception>
        /// <example><code>
        /// var path = Keras.Utils.GetFile(origin: "https://example.org/data/flowers.tgz", extract: true,
        ///     fileHash: "4c5b0dd8…");   // ~/.keras/datasets/flowers.tgz, extracted to flowers_extracted/
        /// </code></example>
        public static string GetFile(string? fname = null, string? origin = null, bool untar = false, string? md5Hash = null,
            string? fileHash = null, string cacheSubdir = "datasets", string hashAlgorithm = "auto", bool extract = false,
            string archiveFormat = "auto", string? cacheDir = null, bool forceDownload = false)
        {
            if (string.IsNullOrWhiteSpace(origin))
            {
                throw new ArgumentException("Please specify the \"origin\" argument (URL of the file to download).", nameof(origin));
            }

            if (hashAlgorithm is not ("auto" or "sha256" or "md5"))
            {
                throw new ArgumentException($"Expected `hash_algorithm` \"auto\", \"sha256\" or \"md5\". Received: hash_algorithm={hashAlgorithm}", nameof(hashAlgorithm));
            }

            if (md5Hash is not null && fileHash is null)
            {
                (fileHash, hashAlgorithm) = (md5Hash, "md5");
            }

            var dataDir = CacheFolder(cacheDir, cacheSubdir);
            var providedName = !string.IsNullOrEmpty(fname);
            if (!providedName)
            {
                fname = Uri.TryCreate(origin, UriKind.Absolute, out var uri) ? Path.GetFileName(uri.AbsolutePath) : Path.GetFileName(origin);
                if (string.IsNullOrEmpty(fname))
                {
                    throw new ArgumentException($"Can't parse the file name from the origin provided: '{origin}'.Please specify the `fname` argument.", nameof(origin));
                }
            }
            else if (fname!.Contains('/') || fname.Contains(Path.DirectorySeparatorChar))
            {
                throw new ArgumentException(
                    "Paths are no longer accepted as the `fname` argument. To specify the file's parent directory, use the `cache_dir` argument. " +
                    $"Received: fname={fname}", nameof(fname));
            }

            string target;
            string? extractionDir = null;
            if (extract || untar)
            {
                if (providedName && fname!.Contains('.'))
                {
                    target = Path.Combine(dataDir, fname);
                    extractionDir = Path.Combine(dataDir, $"{fname[..fname.IndexOf('.')]}_extracted");
                }
                else
                {
                    extractionDir = Path.Combine(dataDir, fname!);
                    target = Path.Combine(dataDir, $"{fname}_archive");
                }
            }
            else
            {
                target = Path.Combine(dataDir, fname!);
            }

            var download = forceDownload || !File.Exists(target);
            if (!download && fileHash is not null && !DataFile.HashMatches(target, fileHash, out _, hashAlgorithm))
            {
                Console.WriteLine(
                    $"A local file was found, but it seems to be incomplete or outdated because the {hashAlgorithm} file hash does not match " +
                    $"the original value of {fileHash} so we will re-download the data.");
                download = true;
            }

            if (download)
            {
                DataFile.Download(origin, target, fileHash, replacingStale: File.Exists(target), hint: null, hashAlgorithm);
            }

            if (extractionDir is null)
            {
                return target;
            }

            if (!ArchiveExtract.Extract(target, extractionDir, untar ? "tar" : archiveFormat))
            {
                Console.Error.WriteLine($"Warning: Could not extract archive {target} (archive_format={(untar ? "tar" : archiveFormat)}).");
            }

            return extractionDir;
        }

        // Keras: cache_dir (default keras_home()), or /tmp/.keras when it cannot be written; then cache_subdir.
        private static string CacheFolder(string? cacheDir, string cacheSubdir)
        {
            var root = cacheDir is null ? DataFile.CacheRoot : Path.GetFullPath(cacheDir.StartsWith('~')
                ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + cacheDir[1..] : cacheDir);
            var dir = Path.GetDirectoryName(DataFile.WritableTarget(Path.Combine(root, cacheSubdir, "probe"),
                Path.Combine(DataFile.FallbackRoot, cacheSubdir, "probe")))!;
            Directory.CreateDirectory(dir);
            return dir;
        }
    }
}
