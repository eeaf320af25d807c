using NewsPortal.Core.Storage;

namespace NewsPortal.Web.Editing;

/// <summary>The editorial desk's registrations: its stores and the schedule sweep.</summary>
public static class DeskServices
{
    public static IServiceCollection AddEditorialDesk(this IServiceCollection services)
    {
        services.AddSingleton<ArticleEditStore>();
        services.AddSingleton<SourceUpdateStore>();
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<PublishScheduleStore>();
        services.AddSingleton<FeedSourceStore>();
        services.AddSingleton<FailureDeskStore>();
        services.AddHostedService<ScheduleSweeper>();
        return services;
    }
}
