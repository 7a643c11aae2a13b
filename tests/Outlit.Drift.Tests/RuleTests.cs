using Outlit.Drift.Comparison;

namespace Outlit.Drift.Tests;

/// <summary>Each rule fires on a small hand-made pair of documents, and only where it should.</summary>
[TestFixture]
public sealed class RuleTests
{
    private const string ItemsPost = "#/paths/~1items/post";
    private const string RequestSchema = ItemsPost + "/requestBody/content/application~1json/schema";
    private const string ResponseSchema = ItemsPost + "/responses/200/content/application~1json/schema";

    /// <summary>A 3.1 document with the given paths object, components.schemas and top-level extras.</summary>
    private static string Document(string paths, string schemas = "{}", string extra = "", string version = "3.1.0")
        => $$"""
        {
          "openapi": "{{version}}",
          "info": { "title": "rules", "version": "1" },
          {{extra}}
          "paths": {{paths}},
          "components": {
            "schemas": {{schemas}},
            "securitySchemes": {
              "bearerAuth": { "type": "http", "scheme": "bearer" },
              "apiKey": { "type": "apiKey", "in": "header", "name": "X-Api-Key" }
            }
          }
        }
        """;

    /// <summary>POST /items with a JSON request body schema and a 200 JSON response schema.</summary>
    private static string Post(string requestSchema, string responseSchema, string schemas = "{}", string operationExtra = "", string version = "3.1.0")
        => Document(
            $$"""
            {
              "/items": {
                "post": {
                  {{operationExtra}}
                  "requestBody": { "required": true, "content": { "application/json": { "schema": {{requestSchema}} } } },
                  "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": {{responseSchema}} } } } }
                }
              }
            }
            """,
            schemas,
            version: version);

    private static string Request(string schema, string schemas = "{}") => Post(schema, """{ "type": "object" }""", schemas);

    private static string Response(string schema, string schemas = "{}") => Post("""{ "type": "object" }""", schema, schemas);

    private const string Name = """{ "type": "object", "properties": { "name": { "type": "string" } } }""";
    private const string NameRequired = """{ "type": "object", "required": ["name"], "properties": { "name": { "type": "string" } } }""";
    private const string NameAndSize = """{ "type": "object", "properties": { "name": { "type": "string" }, "size": { "type": "integer" } } }""";
    private const string NameAndRequiredSize = """{ "type": "object", "required": ["size"], "properties": { "name": { "type": "string" }, "size": { "type": "integer" } } }""";
    private const string Empty = """{ "type": "object", "properties": {} }""";

    private static string Colour(params string[] values)
        => $$"""{ "type": "object", "properties": { "colour": { "type": "string", "enum": [{{string.Join(", ", values.Select(v => "\"" + v + "\""))}}] } } }""";

    private static string Operations(string operations)
        => Document($$"""{ "/items": {{{operations}}} }""");

    private const string Get = """ "get": { "responses": { "200": { "description": "ok" } } } """;
    private const string Delete = """ "delete": { "responses": { "204": { "description": "gone" } } } """;

    private static string Parameters(string parameters)
        => Document($$"""{ "/items": { "get": { "parameters": [{{parameters}}], "responses": { "200": { "description": "ok" } } } } }""");

    private static string Statuses(string responses)
        => Document($$"""{ "/items": { "get": { "responses": {{{responses}}} } } }""");

    private static string Secured(string security)
        => Document($$"""{ "/items": { "get": { {{security}} "responses": { "200": { "description": "ok" } } } } }""");

    private static IEnumerable<TestCaseData> Rules()
    {
        TestCaseData Case(string name, string baseJson, string candidateJson, string rule, Severity severity, string location)
            => new TestCaseData(baseJson, candidateJson, rule, severity, location).SetName(name);

        yield return Case("path-removed", Operations(Get), Document("{}"), "path-removed", Severity.Breaking, "#/paths/~1items");
        yield return Case("path-added", Document("{}"), Operations(Get), "path-added", Severity.NonBreaking, "#/paths/~1items");
        yield return Case("operation-removed", Operations(Get + "," + Delete), Operations(Get), "operation-removed", Severity.Breaking, "#/paths/~1items/delete");
        yield return Case("operation-added", Operations(Get), Operations(Get + "," + Delete), "operation-added", Severity.NonBreaking, "#/paths/~1items/delete");

        const string Limit = """{ "name": "limit", "in": "query", "schema": { "type": "integer" } }""";
        const string LimitRequired = """{ "name": "limit", "in": "query", "required": true, "schema": { "type": "integer" } }""";
        const string LimitString = """{ "name": "limit", "in": "query", "schema": { "type": "string" } }""";
        yield return Case("request-parameter-added-required", Parameters(string.Empty), Parameters(LimitRequired), "request-parameter-added-required", Severity.Breaking, "#/paths/~1items/get/parameters/0");
        yield return Case("request-parameter-added", Parameters(string.Empty), Parameters(Limit), "request-parameter-added", Severity.NonBreaking, "#/paths/~1items/get/parameters/0");
        yield return Case("request-parameter-became-required", Parameters(Limit), Parameters(LimitRequired), "request-parameter-became-required", Severity.Breaking, "#/paths/~1items/get/parameters/0");
        yield return Case("request-parameter-removed", Parameters(Limit), Parameters(string.Empty), "request-parameter-removed", Severity.Warning, "#/paths/~1items/get/parameters/0");
        yield return Case("parameter type change", Parameters(Limit), Parameters(LimitString), "request-type-changed", Severity.Breaking, "#/paths/~1items/get/parameters/0/schema");

        yield return Case("request-property-added-required", Request(Name), Request(NameAndRequiredSize), "request-property-added-required", Severity.Breaking, RequestSchema + "/properties/size");
        yield return Case("request-property-added", Request(Name), Request(NameAndSize), "request-property-added", Severity.NonBreaking, RequestSchema + "/properties/size");
        yield return Case("request-property-became-required", Request(Name), Request(NameRequired), "request-property-became-required", Severity.Breaking, RequestSchema + "/properties/name");
        yield return Case("request-property-removed from an open object", Request(NameAndSize), Request(Name), "request-property-removed", Severity.Warning, RequestSchema + "/properties/size");
        yield return Case(
            "request-property-removed from a closed object",
            Request(NameAndSize),
            Request("""{ "type": "object", "additionalProperties": false, "properties": { "name": { "type": "string" } } }"""),
            "request-property-removed",
            Severity.Breaking,
            RequestSchema + "/properties/size");
        yield return Case("request-enum-value-removed", Request(Colour("red", "blue")), Request(Colour("red")), "request-enum-value-removed", Severity.Breaking, RequestSchema + "/properties/colour");
        yield return Case("request-enum-value-added", Request(Colour("red")), Request(Colour("red", "blue")), "request-enum-value-added", Severity.NonBreaking, RequestSchema + "/properties/colour");
        yield return Case(
            "request-type-changed",
            Request(Name),
            Request("""{ "type": "object", "properties": { "name": { "type": "integer" } } }"""),
            "request-type-changed",
            Severity.Breaking,
            RequestSchema + "/properties/name");
        yield return Case(
            "request null no longer accepted",
            Request("""{ "type": "object", "properties": { "name": { "type": ["string", "null"] } } }"""),
            Request(Name),
            "request-type-changed",
            Severity.Breaking,
            RequestSchema + "/properties/name");
        yield return Case(
            "request-body-became-required",
            Document("""{ "/items": { "post": { "requestBody": { "content": { "application/json": { "schema": { "type": "object" } } } }, "responses": { "200": { "description": "ok" } } } } }"""),
            Document("""{ "/items": { "post": { "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object" } } } }, "responses": { "200": { "description": "ok" } } } } }"""),
            "request-body-became-required",
            Severity.Breaking,
            ItemsPost + "/requestBody");
        yield return Case(
            "request-media-type-removed",
            Document("""{ "/items": { "post": { "requestBody": { "content": { "application/json": { "schema": { "type": "object" } }, "text/csv": { "schema": { "type": "string" } } } }, "responses": { "200": { "description": "ok" } } } } }"""),
            Document("""{ "/items": { "post": { "requestBody": { "content": { "application/json": { "schema": { "type": "object" } } } }, "responses": { "200": { "description": "ok" } } } } }"""),
            "request-media-type-removed",
            Severity.Breaking,
            ItemsPost + "/requestBody/content/text~1csv");
        yield return Case(
            "request-branch-removed",
            Request("""{ "oneOf": [ { "$ref": "#/components/schemas/Cat" }, { "$ref": "#/components/schemas/Dog" } ] }""", """{ "Cat": { "type": "object" }, "Dog": { "type": "object" } }"""),
            Request("""{ "oneOf": [ { "$ref": "#/components/schemas/Cat" } ] , "type": "object" }""", """{ "Cat": { "type": "object" }, "Dog": { "type": "object" } }"""),
            "request-branch-removed",
            Severity.Breaking,
            RequestSchema + "/oneOf/1");

        yield return Case("response-property-removed", Response(NameAndSize), Response(Name), "response-property-removed", Severity.Breaking, ResponseSchema + "/properties/size");
        yield return Case("response-property-added", Response(Name), Response(NameAndSize), "response-property-added", Severity.NonBreaking, ResponseSchema + "/properties/size");
        yield return Case("response-property-became-optional", Response(NameRequired), Response(Name), "response-property-became-optional", Severity.Breaking, ResponseSchema + "/properties/name");
        yield return Case(
            "response-property-became-nullable through a type list",
            Response(Name),
            Response("""{ "type": "object", "properties": { "name": { "type": ["string", "null"] } } }"""),
            "response-property-became-nullable",
            Severity.Breaking,
            ResponseSchema + "/properties/name");
        yield return Case(
            "response-property-became-nullable through anyOf with null",
            Response("""{ "type": "object", "properties": { "owner": { "$ref": "#/components/schemas/User" } } }""", """{ "User": { "type": "object", "properties": { "id": { "type": "string" } } } }"""),
            Response("""{ "type": "object", "properties": { "owner": { "anyOf": [ { "$ref": "#/components/schemas/User" }, { "type": "null" } ] } } }""", """{ "User": { "type": "object", "properties": { "id": { "type": "string" } } } }"""),
            "response-property-became-nullable",
            Severity.Breaking,
            ResponseSchema + "/properties/owner");
        yield return Case(
            "response-property-became-nullable in OpenAPI 3.0",
            Post("""{ "type": "object" }""", Name, version: "3.0.3"),
            Post("""{ "type": "object" }""", """{ "type": "object", "properties": { "name": { "type": "string", "nullable": true } } }""", version: "3.0.3"),
            "response-property-became-nullable",
            Severity.Breaking,
            ResponseSchema + "/properties/name");
        yield return Case("response-enum-value-added is a warning", Response(Colour("red")), Response(Colour("red", "blue")), "response-enum-value-added", Severity.Warning, ResponseSchema + "/properties/colour");
        yield return Case("response-enum-value-removed", Response(Colour("red", "blue")), Response(Colour("red")), "response-enum-value-removed", Severity.NonBreaking, ResponseSchema + "/properties/colour");
        yield return Case(
            "response-type-changed",
            Response(Name),
            Response("""{ "type": "object", "properties": { "name": { "type": "array", "items": { "type": "string" } } } }"""),
            "response-type-changed",
            Severity.Breaking,
            ResponseSchema + "/properties/name");
        yield return Case(
            "response-branch-added",
            Response("""{ "oneOf": [ { "$ref": "#/components/schemas/Cat" } ], "type": "object" }""", """{ "Cat": { "type": "object" }, "Dog": { "type": "object" } }"""),
            Response("""{ "oneOf": [ { "$ref": "#/components/schemas/Cat" }, { "$ref": "#/components/schemas/Dog" } ] }""", """{ "Cat": { "type": "object" }, "Dog": { "type": "object" } }"""),
            "response-branch-added",
            Severity.Breaking,
            ResponseSchema + "/oneOf/1");

        yield return Case("response-success-status-removed", Statuses("""  "200": { "description": "ok" }, "404": { "description": "missing" } """), Statuses(""" "201": { "description": "created" }, "404": { "description": "missing" } """), "response-success-status-removed", Severity.Breaking, "#/paths/~1items/get/responses/200");
        yield return Case("response-status-removed for an error status", Statuses(""" "200": { "description": "ok" }, "404": { "description": "missing" } """), Statuses(""" "200": { "description": "ok" } """), "response-status-removed", Severity.NonBreaking, "#/paths/~1items/get/responses/404");
        yield return Case("response-status-added", Statuses(""" "200": { "description": "ok" } """), Statuses(""" "200": { "description": "ok" }, "429": { "description": "slow down" } """), "response-status-added", Severity.NonBreaking, "#/paths/~1items/get/responses/429");
        yield return Case(
            "response-media-type-removed",
            Statuses(""" "200": { "description": "ok", "content": { "application/json": { "schema": { "type": "object" } }, "text/csv": { "schema": { "type": "string" } } } } """),
            Statuses(""" "200": { "description": "ok", "content": { "text/csv": { "schema": { "type": "string" } } } } """),
            "response-media-type-removed",
            Severity.Breaking,
            "#/paths/~1items/get/responses/200/content/application~1json");

        static string WithHeaders(string headers)
            => Statuses($$""" "200": { "description": "ok", "headers": {{{headers}}} } """);
        const string HeaderLimit = """ "X-HeaderLimit": { "schema": { "type": "integer" } } """;
        const string HeaderLimitRequired = """ "X-HeaderLimit": { "required": true, "schema": { "type": "integer" } } """;
        yield return Case("response-header-removed", WithHeaders(HeaderLimit), WithHeaders(string.Empty), "response-header-removed", Severity.Breaking, "#/paths/~1items/get/responses/200/headers/X-HeaderLimit");
        yield return Case("response-header-added", WithHeaders(string.Empty), WithHeaders(HeaderLimit), "response-header-added", Severity.NonBreaking, "#/paths/~1items/get/responses/200/headers/X-HeaderLimit");
        yield return Case("response-header-became-optional", WithHeaders(HeaderLimitRequired), WithHeaders(HeaderLimit), "response-header-became-optional", Severity.Breaking, "#/paths/~1items/get/responses/200/headers/X-HeaderLimit");
        yield return Case(
            "response header type change",
            WithHeaders(HeaderLimit),
            WithHeaders(""" "X-HeaderLimit": { "schema": { "type": "string" } } """),
            "response-type-changed",
            Severity.Breaking,
            "#/paths/~1items/get/responses/200/headers/X-HeaderLimit/schema");
        yield return Case(
            "request header parameter added as required",
            Parameters(string.Empty),
            Parameters("""{ "name": "X-Tenant", "in": "header", "required": true, "schema": { "type": "string" } }"""),
            "request-parameter-added-required",
            Severity.Breaking,
            "#/paths/~1items/get/parameters/0");

        static string Text(string constraints) => $$"""{ "type": "object", "properties": { "code": { "type": "string"{{constraints}} } } }""";
        static string Number(string constraints) => $$"""{ "type": "object", "properties": { "size": { "type": "integer"{{constraints}} } } }""";
        static string List(string constraints) => $$"""{ "type": "object", "properties": { "tags": { "type": "array", "items": { "type": "string" }{{constraints}} } } }""";
        const string Code = RequestSchema + "/properties/code";
        const string Size = RequestSchema + "/properties/size";
        const string Tags = RequestSchema + "/properties/tags";
        const string CodeOut = ResponseSchema + "/properties/code";
        const string SizeOut = ResponseSchema + "/properties/size";
        const string TagsOut = ResponseSchema + "/properties/tags";
        (string Name, string Before, string After, string Rule, Severity Severity, string Location)[] constraintCases =
        [
            ("request maxLength added", Request(Text("")), Request(Text(""", "maxLength": 10""")), "request-constraint-tightened", Severity.Breaking, Code),
            ("request maxLength raised", Request(Text(""", "maxLength": 10""")), Request(Text(""", "maxLength": 20""")), "request-constraint-loosened", Severity.NonBreaking, Code),
            ("request minLength raised", Request(Text(""", "minLength": 1""")), Request(Text(""", "minLength": 3""")), "request-constraint-tightened", Severity.Breaking, Code),
            ("request pattern removed", Request(Text(""", "pattern": "^a" """)), Request(Text("")), "request-constraint-loosened", Severity.NonBreaking, Code),
            ("request pattern changed", Request(Text(""", "pattern": "^a" """)), Request(Text(""", "pattern": "^b" """)), "request-constraint-changed", Severity.Breaking, Code),
            ("request format added", Request(Text("")), Request(Text(""", "format": "uuid" """)), "request-constraint-tightened", Severity.Breaking, Code),
            ("request format widened", Request(Number(""", "format": "int32" """)), Request(Number(""", "format": "int64" """)), "request-constraint-loosened", Severity.NonBreaking, Size),
            ("request minimum raised", Request(Number(""", "minimum": 0""")), Request(Number(""", "minimum": 1""")), "request-constraint-tightened", Severity.Breaking, Size),
            ("request minimum made exclusive", Request(Number(""", "minimum": 0""")), Request(Number(""", "exclusiveMinimum": 0""")), "request-constraint-tightened", Severity.Breaking, Size),
            ("request maximum lowered", Request(Number(""", "maximum": 100""")), Request(Number(""", "maximum": 50""")), "request-constraint-tightened", Severity.Breaking, Size),
            ("request exclusive maximum relaxed", Request(Number(""", "exclusiveMaximum": 100""")), Request(Number(""", "maximum": 100""")), "request-constraint-loosened", Severity.NonBreaking, Size),
            ("request multipleOf refined", Request(Number(""", "multipleOf": 2""")), Request(Number(""", "multipleOf": 4""")), "request-constraint-tightened", Severity.Breaking, Size),
            ("request multipleOf coarsened", Request(Number(""", "multipleOf": 4""")), Request(Number(""", "multipleOf": 2""")), "request-constraint-loosened", Severity.NonBreaking, Size),
            ("request multipleOf unrelated", Request(Number(""", "multipleOf": 2""")), Request(Number(""", "multipleOf": 3""")), "request-constraint-changed", Severity.Breaking, Size),
            ("request maxItems lowered", Request(List(""", "maxItems": 10""")), Request(List(""", "maxItems": 5""")), "request-constraint-tightened", Severity.Breaking, Tags),
            ("request minItems added", Request(List("")), Request(List(""", "minItems": 1""")), "request-constraint-tightened", Severity.Breaking, Tags),
            ("request uniqueItems added", Request(List("")), Request(List(""", "uniqueItems": true""")), "request-constraint-tightened", Severity.Breaking, Tags),
            ("request uniqueItems dropped", Request(List(""", "uniqueItems": true""")), Request(List("")), "request-constraint-loosened", Severity.NonBreaking, Tags),
            ("response maxLength raised", Response(Text(""", "maxLength": 10""")), Response(Text(""", "maxLength": 20""")), "response-constraint-loosened", Severity.Breaking, CodeOut),
            ("response maxLength lowered", Response(Text(""", "maxLength": 20""")), Response(Text(""", "maxLength": 10""")), "response-constraint-tightened", Severity.NonBreaking, CodeOut),
            ("response pattern removed", Response(Text(""", "pattern": "^a" """)), Response(Text("")), "response-constraint-loosened", Severity.Breaking, CodeOut),
            ("response pattern added", Response(Text("")), Response(Text(""", "pattern": "^a" """)), "response-constraint-tightened", Severity.NonBreaking, CodeOut),
            ("response format widened", Response(Number(""", "format": "int32" """)), Response(Number(""", "format": "int64" """)), "response-constraint-loosened", Severity.Breaking, SizeOut),
            ("response format changed", Response(Text(""", "format": "date-time" """)), Response(Text(""", "format": "date" """)), "response-constraint-changed", Severity.Breaking, CodeOut),
            ("response minimum removed", Response(Number(""", "minimum": 0""")), Response(Number("")), "response-constraint-loosened", Severity.Breaking, SizeOut),
            ("response maxItems removed", Response(List(""", "maxItems": 5""")), Response(List("")), "response-constraint-loosened", Severity.Breaking, TagsOut),
            ("response uniqueItems dropped", Response(List(""", "uniqueItems": true""")), Response(List("")), "response-constraint-loosened", Severity.Breaking, TagsOut),
        ];
        foreach (var (name, before, after, rule, severity, location) in constraintCases)
        {
            yield return Case(name, before, after, rule, severity, location);
        }

        yield return Case("security-requirements-changed", Secured(""" "security": [ { "bearerAuth": [] } ], """), Secured(""" "security": [ { "apiKey": [] } ], """), "security-requirements-changed", Severity.Breaking, "#/paths/~1items/get/security");
        yield return Case("security added to a public operation", Secured(""" "security": [], """), Secured(""" "security": [ { "bearerAuth": [] } ], """), "security-requirements-changed", Severity.Breaking, "#/paths/~1items/get/security");
        yield return Case("security-alternative-added", Secured(""" "security": [ { "bearerAuth": [] } ], """), Secured(""" "security": [ { "bearerAuth": [] }, { "apiKey": [] } ], """), "security-alternative-added", Severity.NonBreaking, "#/paths/~1items/get/security");
        yield return Case(
            "security-scheme-changed",
            Secured(""" "security": [ { "apiKey": [] } ], """),
            Secured(""" "security": [ { "apiKey": [] } ], """).Replace("X-Api-Key", "Authorization", StringComparison.Ordinal),
            "security-scheme-changed",
            Severity.Breaking,
            "#/components/securitySchemes/apiKey");

        yield return Case(
            "unresolved-reference",
            Response(Name),
            Response("""{ "type": "object", "properties": { "name": { "type": "string" }, "owner": { "$ref": "#/components/schemas/Nowhere" } } }"""),
            "unresolved-reference",
            Severity.Error,
            ResponseSchema + "/properties/owner/$ref");
    }

    [TestCaseSource(nameof(Rules))]
    public async Task RuleFiresOnItsPair(string baseJson, string candidateJson, string rule, Severity severity, string location)
    {
        var findings = await Documents.CompareJsonAsync(baseJson, candidateJson);

        Assert.That(findings, Has.Some.Matches<Finding>(f => f.RuleId == rule && f.Severity == severity && f.Location == location), Documents.Describe(findings));
    }

    [TestCaseSource(nameof(Rules))]
    public async Task EachSideOfAPairAgainstItselfIsClean(string baseJson, string candidateJson, string rule, Severity severity, string location)
    {
        var findings = (await Documents.CompareJsonAsync(baseJson, baseJson))
            .Concat(await Documents.CompareJsonAsync(candidateJson, candidateJson))
            .Where(f => f.Severity != Severity.Error)
            .ToList();

        Assert.That(findings, Is.Empty, Documents.Describe(findings));
    }

    [Test]
    public async Task ExclusiveBoundsCompareAlikeInOpenApi30And31()
    {
        static string Size(string bounds, string version)
            => Post($$"""{ "type": "object", "properties": { "size": { "type": "integer", {{bounds}} } } }""", """{ "type": "object" }""", version: version);

        var sameBound = await Documents.CompareJsonAsync(Size("\"minimum\": 0, \"exclusiveMinimum\": true", "3.0.3"), Size("\"exclusiveMinimum\": 0", "3.1.0"));
        var relaxed = await Documents.CompareJsonAsync(Size("\"minimum\": 0, \"exclusiveMinimum\": true", "3.0.3"), Size("\"minimum\": 0", "3.0.3"));

        Assert.That(sameBound, Is.Empty, Documents.Describe(sameBound));
        Assert.That(relaxed.Select(f => (f.Severity, f.RuleId, f.Message)), Is.EqualTo(new[]
        {
            (Severity.NonBreaking, "request-constraint-loosened", $"Request minimum at {RequestSchema}/properties/size changed from exclusive 0 to 0: more values are accepted."),
        }), Documents.Describe(relaxed));
    }

    [Test]
    public async Task ConstraintsAreComparedInAllOfMembersAndNotOnATypeChange()
    {
        var merged = await Documents.CompareJsonAsync(
            Request("""{ "allOf": [ { "type": "object", "properties": { "code": { "type": "string", "maxLength": 10 } } } ] }"""),
            Request("""{ "allOf": [ { "type": "object", "properties": { "code": { "type": "string", "maxLength": 10 } } }, { "properties": { "code": { "type": "string", "maxLength": 8 } } } ] }"""));
        var retyped = await Documents.CompareJsonAsync(
            Request("""{ "type": "object", "properties": { "code": { "type": "string", "maxLength": 10 } } }"""),
            Request("""{ "type": "object", "properties": { "code": { "type": "integer", "maximum": 10 } } }"""));

        Assert.That(merged.Select(f => (f.RuleId, f.Message)), Is.EqualTo(new[]
        {
            ("request-constraint-tightened", $"Request maxLength at {RequestSchema}/allOf/1/properties/code changed from 10 to 8: values old clients send may now be refused."),
        }), Documents.Describe(merged));
        Assert.That(retyped.Select(f => f.RuleId), Is.EqualTo(new[] { "request-type-changed" }), Documents.Describe(retyped));
    }

    private static string Body(string mediaType, string schema = """{ "type": "object" }""")
        => Document($$"""{ "/items": { "post": { "requestBody": { "content": { "{{mediaType}}": { "schema": {{schema}} } } }, "responses": { "200": { "description": "ok" } } } } }""");

    private static string Returns(string mediaType)
        => Statuses($$""" "200": { "description": "ok", "content": { "{{mediaType}}": { "schema": { "type": "object" } } } } """);

    [TestCase("application/json", "application/json; charset=utf-8")]
    [TestCase("application/json", "Application/JSON")]
    [TestCase("application/json; charset=utf-8", "application/json")]
    public async Task MediaTypesMatchWithoutCaseOrParameters(string before, string after)
    {
        var findings = (await Documents.CompareJsonAsync(Body(before), Body(after)))
            .Concat(await Documents.CompareJsonAsync(Returns(before), Returns(after)))
            .ToList();

        Assert.That(findings, Is.Empty, Documents.Describe(findings));
    }

    [TestCase("application/*")]
    [TestCase("*/*")]
    public async Task ARequestMediaTypeARangeStillAcceptsIsNotRemovedAndItsSchemaIsCompared(string range)
    {
        var findings = await Documents.CompareJsonAsync(
            Body("application/json", NameRequired),
            Body(range, """{ "type": "object", "required": ["name", "size"], "properties": { "name": { "type": "string" }, "size": { "type": "integer" } } }"""));

        Assert.That(findings.Select(f => (f.RuleId, f.Location)), Is.EqualTo(new[]
        {
            ("request-property-added-required", $"{ItemsPost}/requestBody/content/{range.Replace("/", "~1", StringComparison.Ordinal)}/schema/properties/size"),
        }), Documents.Describe(findings));
    }

    [Test]
    public async Task AResponseRangeDoesNotStandInForTheTypeClientsParse()
    {
        var findings = await Documents.CompareJsonAsync(Returns("application/json"), Returns("*/*"));

        Assert.That(findings.Select(f => (f.Severity, f.RuleId)), Is.EquivalentTo(new[]
        {
            (Severity.Breaking, "response-media-type-removed"),
            (Severity.NonBreaking, "response-media-type-added"),
        }), Documents.Describe(findings));
    }

    [Test]
    public async Task AParameterDescribedByContentIsComparedThroughItsSchema()
    {
        static string Filter(string type)
            => Parameters($$"""{ "name": "filter", "in": "query", "content": { "application/json": { "schema": { "type": "object", "properties": { "since": { "type": "{{type}}" } } } } } }""");

        var findings = await Documents.CompareJsonAsync(Filter("string"), Filter("integer"));

        Assert.That(findings.Select(f => (f.Severity, f.RuleId, f.Location)), Is.EqualTo(new[]
        {
            (Severity.Breaking, "request-type-changed", "#/paths/~1items/get/parameters/0/content/application~1json/schema/properties/since"),
        }), Documents.Describe(findings));
    }

    [Test]
    public async Task HeaderParametersMatchWhateverTheirCase()
    {
        var before = Parameters("""{ "name": "X-Tenant", "in": "header", "required": true, "schema": { "type": "string" } }""");
        var after = Parameters("""{ "name": "x-tenant", "in": "header", "required": true, "schema": { "type": "string" } }""");

        Assert.That(await Documents.CompareJsonAsync(before, after), Is.Empty);
    }

    [Test]
    public async Task RenamingAPathParameterIsNotAChange()
    {
        var before = Document("""{ "/items/{id}": { "get": { "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } } ], "responses": { "200": { "description": "ok" } } } } }""");
        var after = Document("""{ "/items/{itemId}": { "get": { "parameters": [ { "name": "itemId", "in": "path", "required": true, "schema": { "type": "string" } } ], "responses": { "200": { "description": "ok" } } } } }""");

        Assert.That(await Documents.CompareJsonAsync(before, after), Is.Empty);
    }

    [Test]
    public async Task MovingASchemaIntoARenamedComponentIsNotAChange()
    {
        var before = Response(NameRequired);
        var after = Response("""{ "$ref": "#/components/schemas/Item" }""", $$"""{ "Item": {{NameRequired}} }""");

        Assert.That(await Documents.CompareJsonAsync(before, after), Is.Empty);
    }

    [Test]
    public async Task MovingAnInlineAlternativeIntoAComponentIsNotAChange()
    {
        const string Card = """{ "type": "object", "required": ["number"], "properties": { "number": { "type": "string" } } }""";
        var before = Response($$"""{ "oneOf": [ { "type": "string" }, {{Card}} ] }""");
        var after = Response("""{ "oneOf": [ { "type": "string" }, { "$ref": "#/components/schemas/Card" } ] }""", $$"""{ "Card": {{Card}} }""");

        Assert.That(await Documents.CompareJsonAsync(before, after), Is.Empty);
    }

    [Test]
    public async Task AChangedInlineAlternativeIsStillReported()
    {
        var before = Response("""{ "oneOf": [ { "type": "string" }, { "type": "object", "properties": { "number": { "type": "string" } } } ] }""");
        var after = Response("""{ "oneOf": [ { "type": "string" }, { "$ref": "#/components/schemas/Card" } ] }""", """{ "Card": { "type": "object", "properties": { "iban": { "type": "string" } } } }""");

        var findings = await Documents.CompareJsonAsync(before, after);

        Assert.That(findings.Select(f => f.RuleId), Is.EquivalentTo(new[] { "response-branch-added", "response-branch-removed" }));
    }

    [Test]
    public async Task ReorderedInlineAlternativesMatchByWhatTellsThemApart()
    {
        const string Card = """{ "type": "object", "required": ["number"], "properties": { "number": { "type": "string" }, "expiry": { "type": "string" } } }""";
        const string Iban = """{ "type": "object", "required": ["iban"], "properties": { "iban": { "type": "string" }, "bic": { "type": "string" } } }""";
        const string Cash = """{ "type": "object", "required": ["method"], "properties": { "method": { "const": "cash" }, "note": { "type": "string" } } }""";

        var findings = (await Documents.CompareJsonAsync(
                Response($$"""{ "oneOf": [ { "type": "string" }, { "type": "integer" }, {{Card}}, {{Iban}}, {{Cash}} ] }"""),
                Response($$"""{ "oneOf": [ {{Cash}}, {{Iban}}, { "type": "integer" }, {{Card}}, { "type": "string" } ] }""")))
            .Concat(await Documents.CompareJsonAsync(
                Request($$"""{ "anyOf": [ {{Card}}, {{Iban}} ] }"""),
                Request($$"""{ "anyOf": [ {{Iban}}, {{Card}} ] }""")))
            .ToList();

        Assert.That(findings, Is.Empty, Documents.Describe(findings));
    }

    [Test]
    public async Task AReorderedAlternativeThatAlsoChangedIsComparedWithItsOwnCounterpart()
    {
        const string Card = """{ "type": "object", "required": ["number"], "properties": { "number": { "type": "string" }, "expiry": { "type": "string" } } }""";
        const string Iban = """{ "type": "object", "required": ["iban"], "properties": { "iban": { "type": "string" }, "bic": { "type": "string" } } }""";
        const string IbanWithoutBic = """{ "type": "object", "required": ["iban"], "properties": { "iban": { "type": "string" } } }""";

        var findings = await Documents.CompareJsonAsync(
            Response($$"""{ "oneOf": [ {{Card}}, {{Iban}} ] }"""),
            Response($$"""{ "oneOf": [ {{IbanWithoutBic}}, {{Card}} ] }"""));

        Assert.That(findings.Select(f => (f.RuleId, f.Location)), Is.EqualTo(new[]
        {
            ("response-property-removed", ResponseSchema + "/oneOf/1/properties/bic"),
        }), Documents.Describe(findings));
    }

    [Test]
    public async Task AConstantSelectorRenamedOnOneAlternativeIsThatRename()
    {
        var findings = await Documents.CompareJsonAsync(
            Request("""{ "oneOf": [ { "type": "object", "required": ["kind", "url"], "properties": { "kind": { "const": "link" }, "url": { "type": "string" } } }, { "type": "object", "required": ["kind", "text"], "properties": { "kind": { "const": "note" }, "text": { "type": "string" } } } ] }"""),
            Request("""{ "oneOf": [ { "type": "object", "required": ["kind", "text"], "properties": { "kind": { "const": "note" }, "text": { "type": "string" } } }, { "type": "object", "required": ["type", "url"], "properties": { "type": { "const": "link" }, "url": { "type": "string" } } } ] }"""));

        Assert.That(findings.Select(f => (f.Severity, f.RuleId, f.Location)), Is.EqualTo(new[]
        {
            (Severity.Breaking, "request-branch-property-renamed", RequestSchema + "/oneOf/1"),
        }), Documents.Describe(findings));
        Assert.That(findings[0].Message, Does.Contain("alternative kind=link").And.Contain("'type' instead of 'kind'"));
    }

    [Test]
    public async Task AnInlineAlternativesRequiredPropertyRenamedIsThatRename()
    {
        var findings = await Documents.CompareJsonAsync(
            Request("""{ "anyOf": [ { "type": "object", "required": ["email"], "properties": { "email": { "type": "string" }, "traits": { "type": "object" } } }, { "type": "object", "required": ["userId"], "properties": { "userId": { "type": "string" }, "traits": { "type": "object" } } } ] }"""),
            Request("""{ "anyOf": [ { "type": "object", "required": ["emailAddress"], "properties": { "emailAddress": { "type": "string" }, "traits": { "type": "object" } } }, { "type": "object", "required": ["userId"], "properties": { "userId": { "type": "string" }, "traits": { "type": "object" } } } ] }"""));

        Assert.That(findings.Select(f => (f.Severity, f.RuleId, f.Location)), Is.EqualTo(new[]
        {
            (Severity.Breaking, "request-branch-property-renamed", RequestSchema + "/anyOf/0"),
        }), Documents.Describe(findings));
        Assert.That(findings[0].Message, Does.Contain("'emailAddress' instead of 'email'"));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task ARecursiveUnionWhoseAlternativeChangedTerminates()
    {
        // The object alternative has nothing that tells it apart, so matching it means trying it,
        // and trying it reaches the union again through its children.
        static string Tree(string labelType)
            => $$"""{ "Node": { "oneOf": [ { "type": "string" }, { "type": "object", "properties": { "kids": { "type": "array", "items": { "$ref": "#/components/schemas/Node" } }, "label": { "type": "{{labelType}}" } } } ] } }""";
        const string Reference = """{ "$ref": "#/components/schemas/Node" }""";

        var findings = await Documents.CompareJsonAsync(Response(Reference, Tree("string")), Response(Reference, Tree("integer")));

        Assert.That(findings.Select(f => (f.Severity, f.RuleId, f.Location)), Is.EqualTo(new[]
        {
            (Severity.Breaking, "response-type-changed", "#/components/schemas/Node/oneOf/1/properties/label"),
        }), Documents.Describe(findings));
    }

    [Test]
    public async Task PropertiesInheritedThroughAllOfCompareLikeDeclaredOnes()
    {
        var before = Response(NameAndSize);
        var after = Response(
            """{ "allOf": [ { "$ref": "#/components/schemas/Base" }, { "type": "object", "properties": { "size": { "type": "integer" } } } ] }""",
            """{ "Base": { "type": "object", "properties": { "name": { "type": "string" } } } }""");

        Assert.That(await Documents.CompareJsonAsync(before, after), Is.Empty);
    }

    [Test]
    public async Task RecursiveSchemasTerminateAndReportAChangeOnce()
    {
        const string NodeBefore = """{ "Node": { "type": "object", "required": ["id"], "properties": { "id": { "type": "string" }, "children": { "type": "array", "items": { "$ref": "#/components/schemas/Node" } } } } }""";
        const string NodeAfter = """{ "Node": { "type": "object", "properties": { "id": { "type": "string" }, "children": { "type": "array", "items": { "$ref": "#/components/schemas/Node" } } } } }""";
        var reference = """{ "$ref": "#/components/schemas/Node" }""";

        var findings = await Documents.CompareJsonAsync(Response(reference, NodeBefore), Response(reference, NodeAfter));

        Assert.That(findings.Select(f => (f.RuleId, f.Location)), Is.EqualTo(new[]
        {
            ("response-property-became-optional", "#/components/schemas/Node/properties/id"),
        }));
    }

    [Test]
    public async Task MutuallyRecursiveSchemasUnderDifferentNamesTerminate()
    {
        const string Before = """{ "A": { "type": "object", "properties": { "b": { "$ref": "#/components/schemas/B" } } }, "B": { "type": "object", "properties": { "a": { "$ref": "#/components/schemas/A" } } } }""";
        const string After = """{ "X": { "type": "object", "properties": { "b": { "$ref": "#/components/schemas/Y" } } }, "Y": { "type": "object", "properties": { "a": { "$ref": "#/components/schemas/X" }, "extra": { "type": "string" } } } }""";

        var findings = await Documents.CompareJsonAsync(
            Response("""{ "$ref": "#/components/schemas/A" }""", Before),
            Response("""{ "$ref": "#/components/schemas/X" }""", After));

        Assert.That(findings.Select(f => (f.RuleId, f.Location)), Is.EqualTo(new[]
        {
            ("response-property-added", "#/components/schemas/Y/properties/extra"),
        }));
    }

    [Test]
    public async Task ABrokenReferenceIsReportedAndTheRestIsStillCompared()
    {
        var before = Document("""
            {
              "/items": { "get": { "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Item" } } } } } } },
              "/legacy": { "get": { "responses": { "200": { "description": "ok" } } } }
            }
            """, $$"""{ "Item": {{NameAndSize}} }""");
        var after = Document("""
            {
              "/items": { "get": { "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Item" } } } } } } }
            }
            """, """{ "Item": { "type": "object", "properties": { "name": { "type": "string" }, "owner": { "$ref": "#/components/schemas/Missing" } } } }""");

        var findings = await Documents.CompareJsonAsync(before, after);

        Assert.That(findings.Select(f => (f.Severity, f.RuleId, f.Location)), Is.EquivalentTo(new[]
        {
            (Severity.Error, "unresolved-reference", "#/components/schemas/Item/properties/owner/$ref"),
            (Severity.Breaking, "path-removed", "#/paths/~1legacy"),
            (Severity.Breaking, "response-property-removed", "#/components/schemas/Item/properties/size"),
            (Severity.NonBreaking, "response-property-added", "#/components/schemas/Item/properties/owner"),
        }), Documents.Describe(findings));
    }

    [Test]
    public async Task FindingsAreOrderedMostSevereFirst()
    {
        var findings = await Documents.CompareHistoryAsync("2026-06-28", "2026-07-14");

        Assert.That(findings.Select(f => f.Severity), Is.Ordered.Descending);
    }
}
