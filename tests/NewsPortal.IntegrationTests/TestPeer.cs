using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace NewsPortal.IntegrationTests;

/// <summary>
/// Gives test requests a connection address, which the test server leaves empty: the one in the
/// request's <c>X-Test-Peer</c> header, else <paramref name="address"/>. Runs before the whole
/// pipeline, as a real connection's address would be there before it.
/// </summary>
public sealed class TestPeer(string address) : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            var peer = context.Request.Headers[Header].ToString();
            context.Connection.RemoteIpAddress = IPAddress.Parse(peer.Length > 0 ? peer : address);
            return nextMiddleware(context);
        });
        next(app);
    };
}
