using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// The server's buffer pools (connections' reads and writes), made by this factory instead of
/// Kestrel's own so that <see cref="IdleMemoryTrim"/> can empty them. Kestrel's pool keeps every
/// block a burst needed and gives back 5 % of them every 10 s when idle, so a node that held 256
/// connections' responses at once stays 10 MB or more larger for many minutes after.
/// </summary>
public sealed class TrimmableMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    private readonly Lock _lock = new();
    private readonly List<TrimmableMemoryPool> _pools = [];

    public MemoryPool<byte> Create(MemoryPoolOptions? options = null)
    {
        var pool = new TrimmableMemoryPool(this);
        lock (_lock) _pools.Add(pool);
        return pool;
    }

    /// <summary>Lets go of every idle block of every pool; returns the bytes let go.</summary>
    public long Trim()
    {
        TrimmableMemoryPool[] pools;
        lock (_lock) pools = [.. _pools];
        return pools.Sum(p => (long)p.Trim() * TrimmableMemoryPool.BlockSize);
    }

    internal void Forget(TrimmableMemoryPool pool)
    {
        lock (_lock) _pools.Remove(pool);
    }
}

/// <summary>
/// 4 KB blocks on the pinned object heap (sockets read into and write from them without pinning),
/// reused through a queue; <see cref="Trim"/> drops the idle ones for the collector.
/// </summary>
public sealed class TrimmableMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 4096;

    private readonly TrimmableMemoryPoolFactory? _factory;
    private readonly ConcurrentQueue<Block> _idle = new();
    private volatile bool _disposed;

    internal TrimmableMemoryPool(TrimmableMemoryPoolFactory? factory) => _factory = factory;

    public TrimmableMemoryPool() : this(null)
    {
    }

    public override int MaxBufferSize => BlockSize;

    /// <summary>Idle blocks held.</summary>
    public int IdleBlocks => _idle.Count;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _idle.TryDequeue(out var block) ? block.Lease() : new Block(this).Lease();
    }

    /// <summary>Drops the idle blocks; returns how many.</summary>
    public int Trim()
    {
        var dropped = 0;
        while (_idle.TryDequeue(out _)) dropped++;
        return dropped;
    }

    protected override void Dispose(bool disposing)
    {
        if (_disposed) return;
        _disposed = true;
        _idle.Clear();
        _factory?.Forget(this);
    }

    private void Return(Block block)
    {
        if (!_disposed) _idle.Enqueue(block);
    }

    private sealed class Block(TrimmableMemoryPool pool) : IMemoryOwner<byte>
    {
        private int _leased;

        public Memory<byte> Memory { get; } = MemoryMarshal.CreateFromPinnedArray(GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true), 0, BlockSize);

        public Block Lease()
        {
            _leased = 1;
            return this;
        }

        // A block disposed twice goes back once: a second return would hand one buffer to two owners.
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _leased, 0) == 1) pool.Return(this);
        }
    }
}
