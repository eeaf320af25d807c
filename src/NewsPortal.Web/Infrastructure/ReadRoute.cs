using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Infrastructure;

/// <summary>
/// One request's choice of data source for reads: the primary for a signed-in editor (who must see
/// what they just saved), else <see cref="ReadDataSource.Reads"/>, decided when first asked.
/// </summary>
public sealed class ReadRoute(ReadDataSource reads, IHttpContextAccessor accessor)
{
    private bool? _standby;

    /// <summary>Whether this request reads from the replica (and a store was handed out for it).</summary>
    public bool UsedStandby { get; private set; }

    public bool OnStandby
    {
        get
        {
            _standby ??= reads.UsesReplica && accessor.HttpContext?.User.Identity?.IsAuthenticated != true;
            UsedStandby |= _standby.Value;
            return _standby.Value;
        }
    }

    /// <summary>The replica failed this request: the rest of it, and reads for a while, go to the primary.</summary>
    public void FallBack()
    {
        _standby = false;
        UsedStandby = false;
        reads.ReportReplicaFailure();
    }
}
