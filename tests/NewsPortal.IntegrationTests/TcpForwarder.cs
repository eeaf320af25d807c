using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Forwards loopback TCP connections to a port, until told to <see cref="Cut"/>: from then on a
/// connection is closed as soon as its client sends anything (a query on a pooled connection fails
/// mid-request, not when taken from the pool), and new ones are closed as soon as accepted.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<Task> _pipes = [];
    private readonly Task _accepting;
    private volatile bool _cut;

    public TcpForwarder(int target)
    {
        _target = target;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Cut() => _cut = true;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            if (_cut)
            {
                client.Dispose();
                continue;
            }
            _pipes.Add(ForwardAsync(client));
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = PumpAsync(client.GetStream(), server.GetStream(), cutOnData: true, linked.Token);
            var down = PumpAsync(server.GetStream(), client.GetStream(), cutOnData: false, linked.Token);
            await Task.WhenAny(up, down);
            await linked.CancelAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException) { }
    }

    private async Task PumpAsync(Stream from, Stream to, bool cutOnData, CancellationToken ct)
    {
        var buffer = new byte[16384];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, ct)) > 0)
            {
                if (cutOnData && _cut) return;
                await to.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        await Task.WhenAll(_pipes);
        _stop.Dispose();
    }
}
