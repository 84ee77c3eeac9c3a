var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "Smart.Sample.Ehr");
app.Run();

/// <summary>Exposed for <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
