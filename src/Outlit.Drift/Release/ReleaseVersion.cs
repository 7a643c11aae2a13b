using System.Globalization;
using System.Text.RegularExpressions;
using Outlit.Drift.Surface;

namespace Outlit.Drift.Release;

/// <summary>A semantic version (<c>MAJOR.MINOR.PATCH</c> with an optional pre-release), ordered as SemVer 2 orders them.</summary>
/// <param name="Major">Incremented when public API is removed or changed.</param>
/// <param name="Minor">Incremented when public API is added.</param>
/// <param name="Patch">Incremented for a release that changes no public API.</param>
/// <param name="PreRelease">The pre-release identifiers (<c>ci.57</c>), or null for a release.</param>
public sealed partial record ReleaseVersion(int Major, int Minor, int Patch, string? PreRelease = null) : IComparable<ReleaseVersion>
{
    [GeneratedRegex(@"^(?<major>0|[1-9]\d{0,8})\.(?<minor>0|[1-9]\d{0,8})\.(?<patch>0|[1-9]\d{0,8})(?:-(?<pre>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex Pattern();

    /// <summary>Reads a version; build metadata (<c>+sha</c>) is accepted and dropped, as it does not order versions.</summary>
    /// <param name="text">The version text.</param>
    /// <param name="version">The version, when the text is one.</param>
    /// <returns>True when <paramref name="text"/> is a semantic version.</returns>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ReleaseVersion? version)
    {
        version = null;
        var match = Pattern().Match(text?.Trim() ?? string.Empty);
        if (!match.Success)
        {
            return false;
        }

        version = new ReleaseVersion(
            int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["minor"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["patch"].Value, CultureInfo.InvariantCulture),
            match.Groups["pre"].Success ? match.Groups["pre"].Value : null);
        return true;
    }

    /// <summary>Reads a version.</summary>
    /// <param name="text">The version text.</param>
    /// <returns>The version.</returns>
    /// <exception cref="FormatException">The text is not a semantic version.</exception>
    public static ReleaseVersion Parse(string text)
        => TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a semantic version (MAJOR.MINOR.PATCH).");

    /// <summary>
    /// The release after this one for a bump. From a release, the bumped number goes up and the lower ones go to zero. From a
    /// pre-release, the release it leads to is reached first when the bump allows it (<c>2.0.0-ci.3</c> plus minor is
    /// <c>2.0.0</c>, plus patch too), as npm and most SemVer tools do.
    /// </summary>
    /// <param name="bump">The bump.</param>
    /// <returns>The next release version (never a pre-release).</returns>
    public ReleaseVersion Next(VersionBump bump)
    {
        if (PreRelease is not null)
        {
            var release = this with { PreRelease = null };
            var reached = bump switch
            {
                VersionBump.Major => Minor == 0 && Patch == 0,
                VersionBump.Minor => Patch == 0,
                _ => true,
            };
            if (reached)
            {
                return release;
            }
        }

        return bump switch
        {
            VersionBump.Major => new ReleaseVersion(Major + 1, 0, 0),
            VersionBump.Minor => new ReleaseVersion(Major, Minor + 1, 0),
            _ => new ReleaseVersion(Major, Minor, Patch + 1),
        };
    }

    /// <inheritdoc />
    public int CompareTo(ReleaseVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var numbers = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (numbers != 0)
        {
            return numbers;
        }

        // A pre-release comes before its release; pre-releases compare identifier by identifier, numbers as numbers.
        if (PreRelease is null || other.PreRelease is null)
        {
            return (PreRelease is null ? 1 : 0) - (other.PreRelease is null ? 1 : 0);
        }

        var mine = PreRelease.Split('.');
        var theirs = other.PreRelease.Split('.');
        for (var i = 0; i < Math.Min(mine.Length, theirs.Length); i++)
        {
            var a = int.TryParse(mine[i], NumberStyles.None, CultureInfo.InvariantCulture, out var x);
            var b = int.TryParse(theirs[i], NumberStyles.None, CultureInfo.InvariantCulture, out var y);
            var order = a && b ? x.CompareTo(y) : a ? -1 : b ? 1 : string.CompareOrdinal(mine[i], theirs[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return mine.Length.CompareTo(theirs.Length);
    }

    /// <summary>The version as NuGet and SemVer spell it.</summary>
    /// <returns><c>1.2.3</c> or <c>1.2.3-ci.4</c>.</returns>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}") + (PreRelease is null ? string.Empty : "-" + PreRelease);
}
