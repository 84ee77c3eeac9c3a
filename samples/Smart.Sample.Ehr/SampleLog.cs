namespace Smart.Sample.Ehr;

/// <summary>The sample host's own log messages.</summary>
internal static partial class SampleLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Sample EHR running at {Url}")]
    public static partial void Running(ILogger logger, string url);
}
