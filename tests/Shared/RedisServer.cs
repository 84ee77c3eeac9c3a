using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Smart.AspNetCore.Testing;

/// <summary>
/// A real, throw-away <c>redis-server</c> (Debian's package) on a free loopback port, with no persistence, started by
/// the tests and stopped by them. A machine without the binary fails the tests with the install command; never a skip.
/// Can be paused (SIGSTOP: a hung Redis), resumed, stopped and started again on the same port (an outage).
/// </summary>
public sealed class RedisServer : IDisposable
{
    public const string InstallHint = "redis-server is not installed; install it with: sudo apt-get install -y redis-server (the CI script .ci/run does this)";

    private readonly string _binary;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "smart-redis-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public RedisServer()
    {
        _binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(InstallHint);
        Port = FreePort();
        Directory.CreateDirectory(_directory);
        Start();
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string.</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000";

    public void Start()
    {
        if (_process is { HasExited: false })
        {
            return;
        }

        var info = new ProcessStartInfo(_binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--dir", _directory, "--dbfilename", "dump.rdb" })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilReady();
    }

    /// <summary>
    /// Stops the server (an outage). With <paramref name="keepData"/> it saves its data first (<c>SHUTDOWN SAVE</c>)
    /// and <see cref="Start"/> loads it again: Redis was unreachable, not emptied.
    /// </summary>
    public void Stop(bool keepData = false)
    {
        if (keepData && _process is { HasExited: false })
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            using var stream = client.GetStream();
            stream.Write("SHUTDOWN SAVE\r\n"u8);
            _process.WaitForExit(10000);
        }
        else if (File.Exists(Path.Combine(_directory, "dump.rdb")))
        {
            File.Delete(Path.Combine(_directory, "dump.rdb"));
        }

        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Freezes the process (SIGSTOP): connections stay open, nothing answers.</summary>
    public void Pause() => Signal("STOP");

    /// <summary>Lets a paused process run again (SIGCONT).</summary>
    public void Resume() => Signal("CONT");

    public void Dispose()
    {
        Resume();
        Stop();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Signal(string signal)
    {
        if (_process is { HasExited: false } process)
        {
            using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit(5000);
        }
    }

    private void WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                using var stream = client.GetStream();
                stream.Write("PING\r\n"u8);
                var buffer = new byte[16];
                var read = stream.Read(buffer, 0, buffer.Length);
                if (read > 0 && buffer[0] == (byte)'+')
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }
            catch (IOException)
            {
            }

            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"redis-server exited at start (port {Port}).");
            }

            Thread.Sleep(50);
        }

        throw new InvalidOperationException($"redis-server did not answer PING on 127.0.0.1:{Port} within 10 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
