namespace Smart.AspNetCore.Clients;

/// <summary>
/// Looks up registered SMART apps. The host implements it over its own store (database, configuration, HTTP);
/// the library validates every client it returns and treats a bad registration as unknown (fails closed).
/// Register an implementation with <c>AddClientRegistry&lt;T&gt;()</c> on the Smart.AspNetCore builder.
/// </summary>
public interface IClientRegistry
{
    /// <summary>Finds a client by its <c>client_id</c>.</summary>
    /// <param name="clientId">The client id as sent by the app (compared ordinally).</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The client, or <see langword="null"/> when it is unknown.</returns>
    Task<SmartClient?> FindByIdAsync(string clientId, CancellationToken cancellationToken);
}
