namespace NewsPortal.IntegrationTests;

/// <summary>Waits for something another process does (a replica's replay, a background ping), failing with what was awaited.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, double seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Waited {seconds} s in vain: {what}");
            await Task.Delay(50);
        }
    }
}
