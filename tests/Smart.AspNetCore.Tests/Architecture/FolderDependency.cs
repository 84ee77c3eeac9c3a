namespace Smart.AspNetCore.Tests.Architecture;

/// <summary>One reason a folder depends on another: <paramref name="File"/> names <paramref name="Type"/>.</summary>
/// <param name="From">The folder of the file, relative to the project (for example <c>Endpoints/Token</c>).</param>
/// <param name="To">The folder that declares <paramref name="Type"/>.</param>
/// <param name="File">The file, relative to the project.</param>
/// <param name="Type">The type it names.</param>
internal sealed record FolderDependency(string From, string To, string File, string Type);
