using System.Text;
using Outlit.Drift.Comparison;
using Outlit.Drift.Reporting;
using Outlit.Drift.Surface;

namespace Outlit.Drift.Release;

/// <summary>What the planner needs to version one package.</summary>
/// <param name="Feed">The feed the package is published to.</param>
/// <param name="PackageId">The package id.</param>
/// <param name="Assembly">The built assembly the package ships (its public surface decides the version).</param>
/// <param name="Contract">The contract the package is built from, when it is built from one (its drift goes into the release notes).</param>
/// <param name="FirstVersion">The version of the first package, when the feed has none.</param>
public sealed record ReleaseRequest(string Feed, string PackageId, string Assembly, string? Contract, ReleaseVersion FirstVersion);

/// <summary>The version of the next package and why.</summary>
/// <param name="PackageId">The package id.</param>
/// <param name="Version">The version to publish.</param>
/// <param name="Previous">The latest package in the feed, or null for the first one.</param>
/// <param name="Surface">The public API compared with <paramref name="Previous"/>'s, or null for the first package.</param>
/// <param name="Drift">The contract compared with the one <paramref name="Previous"/> was built from, when both are known.</param>
/// <param name="ContractVersion">The contract's <c>info.version</c>, when the package is built from a contract.</param>
/// <param name="Current">The public surface of the built assembly, which the package will carry.</param>
public sealed record ReleasePlan(string PackageId, ReleaseVersion Version, FeedPackage? Previous, SurfaceReport? Surface, DriftReport? Drift, string? ContractVersion, ApiSurface Current)
{
    /// <summary>The bump from the previous package, or null for the first one.</summary>
    public VersionBump? Bump => Previous is null ? null : Surface?.Bump ?? VersionBump.Patch;
}

/// <summary>
/// Versions a package by its public surface: the latest version in the feed plus the bump its surface diff asks for
/// (major for a removed or changed member, minor for an addition, patch for neither), and writes the release notes
/// from the drift report of its contract against the previous package's.
/// </summary>
public static class ReleasePlanner
{
    /// <summary>The version of the first package when the feed has none and nothing else is said.</summary>
    public static ReleaseVersion DefaultFirstVersion { get; } = new(1, 0, 0);

    /// <summary>Works out the next version of a package.</summary>
    /// <param name="request">The package, its build output and the feed.</param>
    /// <param name="cancellationToken">Cancels reading the documents.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="DriftInputException">The contract cannot be read.</exception>
    public static async Task<ReleasePlan> PlanAsync(ReleaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var assemblyName = Path.GetFileNameWithoutExtension(request.Assembly);
        var current = ApiSurface.Load(request.Assembly);
        LoadedDocument? contract = request.Contract is null ? null : await OpenApiInput.LoadAsync(request.Contract, cancellationToken: cancellationToken).ConfigureAwait(false);
        var contractVersion = contract?.Root["info"]?["version"]?.GetValue<string>();

        var previous = PackageFeed.Latest(request.Feed, request.PackageId);
        if (previous is null)
        {
            return new ReleasePlan(request.PackageId, request.FirstVersion, null, null, null, contractVersion, current);
        }

        var before = PackageFeed.ReadSurface(previous.Path, assemblyName, ApiSurface.DependenciesOf(request.Assembly))
            ?? throw new DriftInputException($"{previous.Path} has neither {PackageFeed.ApiFolder}/{PackageFeed.SurfaceFileName(assemblyName)} nor {assemblyName}.dll, so its public API is unknown.");
        var surface = SurfaceComparer.Compare(before, current) with { Scope = $"{assemblyName}, against the package {previous.Id} {previous.Version}" };

        DriftReport? drift = null;
        if (contract is not null && PackageFeed.ReadContract(previous.Path) is { } previousContract)
        {
            var source = $"{previous.Id} {previous.Version}";
            var baseDocument = await OpenApiInput.ParseAsync(source, previousContract, cancellationToken).ConfigureAwait(false);
            drift = new DriftReport(source, request.Contract!, DriftComparer.Compare(baseDocument, contract), surface);
        }

        return new ReleasePlan(request.PackageId, previous.Version.Next(surface.Bump), previous, surface, drift, contractVersion, current);
    }

    /// <summary>
    /// The release notes: a heading with the version and why, then the drift report (markdown) of the contract against
    /// the previous package's with the public API diff, or the API diff alone when there is no contract to compare.
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <returns>Markdown.</returns>
    public static string ReleaseNotes(ReleasePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var notes = new StringWriter(new StringBuilder()) { NewLine = "\n" };
        notes.WriteLine($"# {plan.PackageId} {plan.Version}");
        notes.WriteLine();
        var contract = plan.ContractVersion is null ? string.Empty : $" Built from the contract with `info.version` {plan.ContractVersion}.";
        if (plan.Previous is not { } previous)
        {
            var types = plan.Current.Members.Count(m => ApiSurface.IsTypeShape(m.Value));
            notes.WriteLine($"First release: the feed had no {plan.PackageId} package, so the version starts at {plan.Version}.{contract} Public API: {types} types, {plan.Current.Members.Count - types} members.");
            return notes.ToString();
        }

        var why = plan.Bump switch
        {
            VersionBump.Major => "public API was removed or changed",
            VersionBump.Minor => "public API was added, none removed or changed",
            _ => "no public API changed",
        };
        notes.WriteLine($"{plan.Bump} release after {previous.Id} {previous.Version}: {why}.{contract}");
        notes.WriteLine();
        if (plan.Drift is { } drift)
        {
            ReportFormatter.Write(drift, ReportFormat.Markdown, notes);
        }
        else
        {
            ReportFormatter.WriteSurfaceMarkdown(plan.Surface!, notes);
        }

        return notes.ToString();
    }
}
