using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;

namespace NewsPortal.IntegrationTests;

/// <summary>A browser-like client for the editors' desk: keeps cookies, posts forms with their tokens.</summary>
public sealed class EditorClient(WebApplicationFactory<Program> portal)
{
    public HttpClient Http { get; } = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<HttpResponseMessage> SignInAsync(string name = PortalFactory.EditorName, string password = PortalFactory.EditorPassword)
    {
        var form = await Http.GetDocumentAsync("/editor/login");
        return await PostAsync("/editor/login", form, ("name", name), ("password", password));
    }

    /// <summary>Posts to <paramref name="action"/> with the antiforgery token found on <paramref name="page"/>.</summary>
    public Task<HttpResponseMessage> PostAsync(string action, IDocument page, params (string Name, string Value)[] fields) =>
        Http.PostAsync(action, new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
                .Append(new("__RequestVerificationToken", page.AntiforgeryToken()))));

    public Task<HttpResponseMessage> PostWithoutTokenAsync(string action, params (string Name, string Value)[] fields) =>
        Http.PostAsync(action, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
}
