using System.Text.Json.Nodes;

namespace Outlit.Testing.Internal;

/// <summary>A metric source features are defined on.</summary>
internal sealed record MetricSourceRecord(string Key, string Provider, string Label, string Readiness);

/// <summary>A feature definition: an event of a metric source, optionally narrowed by property filters.</summary>
internal sealed class FeatureRecord
{
    public required string Id { get; init; }

    public required string Revision { get; set; }

    public required string SourceKey { get; init; }

    public required string FeatureKey { get; init; }

    public required string Name { get; init; }

    public required string EventName { get; init; }

    public required JsonArray Filters { get; init; }

    public bool Archived { get; set; }
}

internal sealed partial class ToolGateway
{
    private readonly List<MetricSourceRecord> metricSources;
    private readonly List<FeatureRecord> features;

    /// <summary>
    /// A ready PostHog source with features on product events of the seeded timelines (so their usage is counted from
    /// real fake data), and an SDK source still warming up, whose numbers are not available yet.
    /// </summary>
    private (List<MetricSourceRecord>, List<FeatureRecord>) SeedFeatures()
    {
        var ready = new MetricSourceRecord("metric_source_v1_" + NewHex32(), "posthog", "PostHog production", "READY");
        var warming = new MetricSourceRecord("metric_source_v1_" + NewHex32(), "outlit_sdk", "Outlit SDK", "WARMING");
        FeatureRecord Feature(MetricSourceRecord source, string key, string name, string eventName, JsonArray filters) => new()
        {
            Id = "value_feature_v1_" + NewHex32(),
            Revision = "value_feature_revision_v1_" + NewHex32(),
            SourceKey = source.Key,
            FeatureKey = key,
            Name = name,
            EventName = eventName,
            Filters = filters,
        };

        return ([ready, warming],
        [
            Feature(ready, "report_export", "Report export", "report_exported",
                [new JsonObject { ["property"] = "format", ["operator"] = "equals", ["value"] = new JsonObject { ["type"] = "string", ["value"] = "pdf" } }]),
            Feature(ready, "project_creation", "Project creation", "project_created", []),
            Feature(warming, "team_invites", "Team invites", "member_invited",
                [new JsonObject { ["property"] = "role", ["operator"] = "exists" }]),
        ]);
    }

    private ToolResult ListFeatures(JsonObject input)
    {
        MetricSourceRecord? selected;
        if (Str(input, "sourceKey") is { } key)
        {
            selected = metricSources.FirstOrDefault(s => s.Key == key);
            if (selected is null)
            {
                return ToolResult.NotFound("Metric source", "sourceKey", key);
            }
        }
        else
        {
            selected = metricSources.FirstOrDefault(s => s.Readiness == "READY") ?? metricSources.FirstOrDefault();
        }

        var window = FeatureWindow(input);
        var active = features.Where(f => !f.Archived).ToList();
        var listed = active.Where(f => f.SourceKey == selected?.Key).Take(100).Select(f =>
        {
            var json = FeatureDefinition(f);
            json["evidence"] = Evidence(f, window, data.Timeline, customers: true, weekly: false);
            return (JsonNode)json;
        });

        JsonObject candidates;
        if (selected is null || selected.Readiness != "READY")
        {
            candidates = new JsonObject { ["status"] = "unavailable", ["reason"] = Unavailable(selected) };
        }
        else
        {
            var taken = active.Where(f => f.SourceKey == selected.Key).Select(f => f.EventName).ToHashSet(StringComparer.Ordinal);
            var limit = (int?)Num(input, "candidateLimit") ?? 100;
            var events = data.Timeline
                .Where(e => e.Channel == "PRODUCT" && e.OccurredAt >= window.Start && e.OccurredAt <= window.End && !taken.Contains(e.EventName))
                .GroupBy(e => e.EventName)
                .Select(g => new JsonObject
                {
                    ["eventName"] = g.Key,
                    ["eventCount"] = g.Count(),
                    ["distinctCustomers"] = g.Select(e => e.CustomerId).Distinct().Count(),
                    ["activeWeeks"] = g.Select(e => WeekOf(window, e.OccurredAt)).Distinct().Count(),
                    ["propertyKeys"] = g.Key == "pageview" ? new JsonArray("path") : new JsonArray(),
                })
                .OrderByDescending(c => c["eventCount"]!.GetValue<int>())
                .ThenBy(c => c["eventName"]!.GetValue<string>(), StringComparer.Ordinal)
                .ToList();
            candidates = new JsonObject
            {
                ["status"] = "ready",
                ["items"] = new JsonArray(events.Take(limit).Select(c => (JsonNode)c).ToArray()),
                ["truncated"] = events.Count > limit,
            };
        }

        return ToolResult.Ok(new JsonObject
        {
            ["sources"] = new JsonArray(metricSources.Select(s => (JsonNode)new JsonObject
            {
                ["sourceKey"] = s.Key,
                ["provider"] = s.Provider,
                ["label"] = s.Label,
                ["readiness"] = s.Readiness,
            }).ToArray()),
            ["selectedSourceKey"] = selected?.Key,
            ["workspaceActiveFeatureCount"] = active.Count,
            ["features"] = new JsonArray(listed.ToArray()),
            ["candidates"] = candidates,
        });
    }

    private ToolResult CreateFeature(JsonObject input)
    {
        var sourceKey = Str(input, "sourceKey")!;
        var source = metricSources.FirstOrDefault(s => s.Key == sourceKey);
        if (source is null)
        {
            return ToolResult.NotFound("Metric source", "sourceKey", sourceKey);
        }

        if (source.Readiness == "BLOCKED")
        {
            return ToolResult.Unprocessable($"sourceKey: metric source {sourceKey} is blocked; no feature can be defined on it");
        }

        var featureKey = Str(input, "featureKey")!;
        var eventName = Str(input, "eventName")!;
        var filters = input["propertyFilters"] as JsonArray ?? [];
        if (features.FirstOrDefault(f => !f.Archived && f.SourceKey == sourceKey && f.FeatureKey == featureKey) is { } existing)
        {
            // The same definition sent again is answered with the stored one; a different one under the same key conflicts.
            if (existing.EventName == eventName && JsonNode.DeepEquals(existing.Filters, filters))
            {
                return ToolResult.Ok(new JsonObject { ["created"] = false, ["feature"] = FeatureDefinition(existing) });
            }

            return ToolResult.Conflict($"featureKey: {featureKey} is already defined on this source with a different rule");
        }

        var feature = new FeatureRecord
        {
            Id = "value_feature_v1_" + NewHex32(),
            Revision = "value_feature_revision_v1_" + NewHex32(),
            SourceKey = sourceKey,
            FeatureKey = featureKey,
            Name = Str(input, "name")!,
            EventName = eventName,
            Filters = (JsonArray)filters.DeepClone(),
        };
        features.Add(feature);
        return ToolResult.Ok(new JsonObject { ["created"] = true, ["feature"] = FeatureDefinition(feature) });
    }

    private ToolResult ArchiveFeature(JsonObject input)
    {
        var id = Str(input, "id")!;
        var feature = features.FirstOrDefault(f => f.Id == id);
        if (feature is null)
        {
            return ToolResult.NotFound("Feature", "id", id);
        }

        if (feature.Archived)
        {
            return ToolResult.Conflict($"Feature {id} is archived already");
        }

        var revision = Str(input, "revision")!;
        if (revision != feature.Revision)
        {
            return ToolResult.Conflict($"revision: feature {id} is at revision {feature.Revision}, not {revision}; read it again before archiving");
        }

        // Archiving is a change like any other: the feature moves to a new revision.
        feature.Archived = true;
        feature.Revision = "value_feature_revision_v1_" + NewHex32();
        return ToolResult.Ok(new JsonObject
        {
            ["archived"] = true,
            ["feature"] = new JsonObject { ["id"] = feature.Id, ["revision"] = feature.Revision },
        });
    }

    private ToolResult GetCustomerFeatures(JsonObject input)
    {
        var requested = Str(input, "customer")!;
        if (FindCustomer(requested) is not { } c)
        {
            return ToolResult.NotFound("Customer", "customer", requested);
        }

        var window = FeatureWindow(input);
        var weekly = Bool(input, "includeWeeklyUsage") ?? false;
        var events = data.Timeline.Where(e => e.CustomerId == c.Id).ToList();
        var summaries = features.Where(f => !f.Archived).Take(100).Select(f =>
        {
            var json = FeatureDefinition(f);
            json["evidence"] = Evidence(f, window, events, customers: false, weekly);
            return (JsonNode)json;
        });
        return ToolResult.Ok(new JsonObject
        {
            ["customer"] = new JsonObject { ["id"] = c.Id, ["name"] = c.Name },
            ["features"] = new JsonArray(summaries.ToArray()),
        });
    }

    private static JsonObject FeatureDefinition(FeatureRecord f) => new()
    {
        ["id"] = f.Id,
        ["revision"] = f.Revision,
        ["sourceKey"] = f.SourceKey,
        ["featureKey"] = f.FeatureKey,
        ["name"] = f.Name,
        ["rule"] = new JsonObject { ["eventName"] = f.EventName, ["propertyFilters"] = f.Filters.DeepClone() },
    };

    private (DateTimeOffset Start, DateTimeOffset End, int Weeks) FeatureWindow(JsonObject input)
    {
        var weeks = (int?)Num(input, "weeks") ?? 12;
        return (now.AddDays(-7 * weeks), now, weeks);
    }

    private static int WeekOf((DateTimeOffset Start, DateTimeOffset End, int Weeks) window, DateTimeOffset at) =>
        Math.Min(window.Weeks - 1, (int)((at - window.Start).TotalDays / 7));

    /// <summary>
    /// Usage of a feature counted from the seeded timeline events named by its rule (property filters are not
    /// evaluated: the fake events carry no properties). A source that is not ready has no numbers yet.
    /// </summary>
    private JsonObject Evidence(FeatureRecord f, (DateTimeOffset Start, DateTimeOffset End, int Weeks) window, IEnumerable<TimelineRecord> timeline, bool customers, bool weekly)
    {
        var windowJson = new JsonObject { ["startAt"] = Ts(window.Start), ["endAt"] = Ts(window.End) };
        var source = metricSources.FirstOrDefault(s => s.Key == f.SourceKey);
        if (source?.Readiness != "READY")
        {
            return new JsonObject { ["window"] = windowJson, ["coverage"] = "unavailable", ["reason"] = Unavailable(source) };
        }

        var events = timeline.Where(e => e.EventName == f.EventName && e.OccurredAt >= window.Start && e.OccurredAt <= window.End).ToList();
        var evidence = new JsonObject
        {
            ["window"] = windowJson,
            ["coverage"] = "complete",
            ["eventCount"] = events.Count,
            ["activeDays"] = events.Select(e => e.OccurredAt.UtcDateTime.Date).Distinct().Count(),
            ["activeWeeks"] = events.Select(e => WeekOf(window, e.OccurredAt)).Distinct().Count(),
            ["firstObservedAt"] = Ts(events.Select(e => (DateTimeOffset?)e.OccurredAt).Min()),
            ["lastObservedAt"] = Ts(events.Select(e => (DateTimeOffset?)e.OccurredAt).Max()),
        };
        if (customers)
        {
            evidence["distinctCustomers"] = events.Select(e => e.CustomerId).Distinct().Count();
        }

        if (weekly)
        {
            evidence["weeklyUsage"] = new JsonArray(Enumerable.Range(0, Math.Min(window.Weeks, 53)).Select(w =>
            {
                var inWeek = events.Where(e => WeekOf(window, e.OccurredAt) == w).ToList();
                return (JsonNode)new JsonObject
                {
                    ["weekStartAt"] = Ts(window.Start.AddDays(7 * w)),
                    ["coverage"] = "complete",
                    ["eventCount"] = inWeek.Count,
                    ["activeDays"] = Math.Min(7, inWeek.Select(e => e.OccurredAt.UtcDateTime.Date).Distinct().Count()),
                };
            }).ToArray());
        }

        return evidence;
    }

    private static string Unavailable(MetricSourceRecord? source) => source?.Readiness == "BLOCKED" ? "SOURCE_BLOCKED" : "SOURCE_NOT_READY";
}
