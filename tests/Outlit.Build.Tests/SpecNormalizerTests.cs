using System.Text.Json.Nodes;
using Outlit.Build.CodeGen;
using Outlit.Build.CodeGen.Normalization;

namespace Outlit.Build.Tests;

/// <summary>Each normalization rule on a small hand-made document.</summary>
public class SpecNormalizerTests
{
    private static string Document(string schemas, string paths = "{}") => $$"""
        {
          "openapi": "3.1.0",
          "info": { "title": "test", "version": "1" },
          "paths": {{paths}},
          "components": { "schemas": {{schemas}} }
        }
        """;

    private static NormalizationResult Normalize(string schemas, string paths = "{}") =>
        SpecNormalizer.Normalize(Document(schemas, paths));

    private static JsonObject Schema(NormalizationResult result, string name) =>
        (JsonObject)result.Document["components"]!["schemas"]![name]!;

    [Test]
    public void OutputIsOpenApi30()
    {
        var result = Normalize("""{ "A": { "type": "string" } }""");

        Assert.That(result.Document["openapi"]!.GetValue<string>(), Is.EqualTo("3.0.3"));
    }

    [Test]
    public void TypeArrayWithNullBecomesNullable()
    {
        var result = Normalize("""{ "A": { "type": "object", "properties": { "p": { "type": ["string", "null"] } } } }""");

        var p = Schema(result, "A")["properties"]!["p"]!;
        Assert.That(p["type"]!.GetValue<string>(), Is.EqualTo("string"));
        Assert.That(p["nullable"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void SeveralNonNullTypesBecomeAnyValue()
    {
        var result = Normalize("""{ "A": { "type": "object", "properties": { "p": { "type": ["string", "number"] } } } }""");

        var p = (JsonObject)Schema(result, "A")["properties"]!["p"]!;
        Assert.That(p.ContainsKey("type"), Is.False, "no single 3.0 type fits string|number, so any value is accepted");
        Assert.That(p["description"]!.GetValue<string>(), Does.Contain("string or number"));
    }

    [Test]
    public void ConstBecomesSingleValueEnumWithInferredType()
    {
        var result = Normalize("""{ "A": { "type": "object", "properties": { "kind": { "const": "list" }, "n": { "const": 3 }, "b": { "const": true } } } }""");

        var properties = Schema(result, "A")["properties"]!;
        Assert.Multiple(() =>
        {
            Assert.That(properties["b"]!["type"]!.GetValue<string>(), Is.EqualTo("boolean"));
            Assert.That(properties["n"]!["type"]!.GetValue<string>(), Is.EqualTo("integer"));
            Assert.That(((JsonObject)properties["n"]!).ContainsKey("const"), Is.False);
        });

        // String enums are hoisted to a named component (see HoistsInlineEnumsWithOwnerAndPropertyName).
        var kind = Schema(result, "AKind");
        Assert.That(kind["enum"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(new[] { "list" }));
        Assert.That(kind["type"]!.GetValue<string>(), Is.EqualTo("string"));
    }

    [Test]
    public void EnumWithNullMemberBecomesNullableEnum()
    {
        var result = Normalize("""{ "A": { "type": ["string", "null"], "enum": ["a", "b", null] } }""");

        var a = Schema(result, "A");
        Assert.That(a["enum"]!.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(a["nullable"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void AnyOfReferenceOrNullBecomesNullableReference()
    {
        var result = Normalize("""
            {
              "B": { "type": "object", "properties": { "x": { "type": "string" } } },
              "A": { "type": "object", "properties": { "b": { "anyOf": [ { "$ref": "#/components/schemas/B" }, { "type": "null" } ] } } }
            }
            """);

        var b = (JsonObject)Schema(result, "A")["properties"]!["b"]!;
        Assert.That(b["nullable"]!.GetValue<bool>(), Is.True);
        Assert.That(b["oneOf"]!.AsArray().Single()!["$ref"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/B"));
        Assert.That(result.Unions, Is.Empty, "a nullable reference is not a union");
    }

    [Test]
    public void OneOfInlineOrNullFoldsTheBranchIntoTheSchema()
    {
        var result = Normalize("""{ "A": { "type": "object", "properties": { "n": { "description": "d", "oneOf": [ { "type": "integer", "minimum": 1 }, { "type": "null" } ] } } } }""");

        var n = (JsonObject)Schema(result, "A")["properties"]!["n"]!;
        Assert.Multiple(() =>
        {
            Assert.That(n["type"]!.GetValue<string>(), Is.EqualTo("integer"));
            Assert.That(n["minimum"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(n["nullable"]!.GetValue<bool>(), Is.True);
            Assert.That(n["description"]!.GetValue<string>(), Is.EqualTo("d"));
            Assert.That(n.ContainsKey("oneOf"), Is.False);
        });
    }

    [Test]
    public void ClosedObjectsAreOpenedSoUnknownFieldsAreKept()
    {
        var result = Normalize("""{ "A": { "type": "object", "additionalProperties": false, "properties": { "x": { "type": "string" } } } }""");

        Assert.That(Schema(result, "A").ContainsKey("additionalProperties"), Is.False);
    }

    [Test]
    public void NumericExclusiveBoundsBecomeTheBooleanForm()
    {
        var result = Normalize("""{ "A": { "type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10 } }""");

        var a = Schema(result, "A");
        Assert.Multiple(() =>
        {
            Assert.That(a["minimum"]!.GetValue<int>(), Is.EqualTo(0));
            Assert.That(a["exclusiveMinimum"]!.GetValue<bool>(), Is.True);
            Assert.That(a["maximum"]!.GetValue<int>(), Is.EqualTo(10));
            Assert.That(a["exclusiveMaximum"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public void SchemaExamplesArrayBecomesExample()
    {
        var result = Normalize("""{ "A": { "type": "string", "examples": ["first", "second"] } }""");

        Assert.That(Schema(result, "A")["example"]!.GetValue<string>(), Is.EqualTo("first"));
        Assert.That(Schema(result, "A").ContainsKey("examples"), Is.False);
    }

    [Test]
    public void PropertiesNamedLikeKeywordsAreNotRewritten()
    {
        var result = Normalize("""{ "A": { "type": "object", "properties": { "const": { "type": "string" }, "type": { "type": "integer" } }, "example": { "type": ["x", "null"], "const": 1 } } }""");

        var a = Schema(result, "A");
        Assert.Multiple(() =>
        {
            Assert.That(a["properties"]!["const"]!["type"]!.GetValue<string>(), Is.EqualTo("string"));
            Assert.That(a["properties"]!["type"]!["type"]!.GetValue<string>(), Is.EqualTo("integer"));
            Assert.That(a["example"]!["type"]!.AsArray(), Has.Count.EqualTo(2), "example data is data, not a schema");
            Assert.That(a["example"]!["const"]!.GetValue<int>(), Is.EqualTo(1));
        });
    }

    [Test]
    public void DiscriminatedOneOfBecomesNSwagInheritance()
    {
        var result = Normalize("""
            {
              "Base": { "type": "object", "required": ["type"], "properties": { "type": { "type": "string" }, "at": { "type": "number" } } },
              "Click": { "allOf": [ { "$ref": "#/components/schemas/Base" }, { "type": "object", "required": ["type", "x"], "properties": { "type": { "const": "click" }, "x": { "type": "integer" } } } ] },
              "View": { "allOf": [ { "$ref": "#/components/schemas/Base" }, { "type": "object", "properties": { "type": { "type": "string", "enum": ["view"] }, "page": { "type": "string" } } } ] },
              "Event": {
                "oneOf": [ { "$ref": "#/components/schemas/Click" }, { "$ref": "#/components/schemas/View" } ],
                "discriminator": { "propertyName": "type", "mapping": { "click": "#/components/schemas/Click", "view": "#/components/schemas/View" } }
              }
            }
            """);

        var baseSchema = Schema(result, "Event");
        Assert.Multiple(() =>
        {
            Assert.That(baseSchema["discriminator"]!["propertyName"]!.GetValue<string>(), Is.EqualTo("type"));
            Assert.That(baseSchema["discriminator"]!["mapping"]!["click"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/Click"));
            Assert.That(baseSchema["discriminator"]!["mapping"]!["view"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/View"));
            Assert.That(baseSchema["properties"]!["at"], Is.Not.Null, "a property every branch shares moves to the base");
            Assert.That(baseSchema.ContainsKey("oneOf"), Is.False);
        });

        var click = Schema(result, "Click");
        var allOf = click["allOf"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(allOf[0]!["$ref"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/Event"));
            Assert.That(allOf[1]!["properties"]!["x"], Is.Not.Null);
            Assert.That(((JsonObject)allOf[1]!["properties"]!).ContainsKey("type"), Is.False, "the converter writes the discriminator; a property would duplicate it");
            Assert.That(allOf[1]!["required"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { "x" }));
        });

        var union = result.Unions.Single();
        Assert.That(union.Strategy, Is.EqualTo("inheritance"));
        Assert.That(union.Branches, Is.EqualTo(new[] { "Click", "View" }));
        Assert.That(union.DiscriminatorValues, Is.EqualTo(new[] { "click", "view" }));
    }

    [Test]
    public void OneOfWithConstantPropertyGetsAnImplicitDiscriminatorAndHoistedBranches()
    {
        var result = Normalize("""
            {
              "Result": {
                "type": "object",
                "properties": {
                  "items": {
                    "type": "array",
                    "items": {
                      "oneOf": [
                        { "type": "object", "properties": { "kind": { "const": "FACT_ITEM" }, "text": { "type": "string" } } },
                        { "type": "object", "properties": { "kind": { "const": "source" }, "url": { "type": "string" } } }
                      ]
                    }
                  }
                }
              }
            }
            """);

        var union = result.Unions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(union.Strategy, Is.EqualTo("inheritance"));
            Assert.That(union.Discriminator, Is.EqualTo("kind"));
            Assert.That(union.TypeName, Is.EqualTo("ResultItemsItem"));
            Assert.That(union.Branches, Is.EqualTo(new[] { "ResultItemsItemFactItem", "ResultItemsItemSource" }));
            Assert.That(Schema(result, "Result")["properties"]!["items"]!["items"]!["$ref"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/ResultItemsItem"));
            Assert.That(Schema(result, "ResultItemsItemSource")["allOf"]![1]!["properties"]!["url"], Is.Not.Null);
        });
    }

    [Test]
    public void UndiscriminatedObjectOneOfBecomesAMergedSupersetNamedAfterTheOperation()
    {
        var result = Normalize(
            """
            {
              "Direct": { "type": "object", "required": ["connected", "id"], "properties": { "connected": { "type": "boolean" }, "id": { "type": "string" }, "shared": { "type": "string" } } },
              "Session": { "type": "object", "required": ["sessionId"], "properties": { "sessionId": { "type": "string" }, "shared": { "type": ["string", "null"] }, "id": { "type": "integer" } } }
            }
            """,
            """
            {
              "/connect": { "post": { "operationId": "connectThing", "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": {
                "oneOf": [ { "$ref": "#/components/schemas/Direct" }, { "$ref": "#/components/schemas/Session" } ] } } } } } } }
            }
            """);

        var merged = Schema(result, "ConnectThingResponse");
        var properties = (JsonObject)merged["properties"]!;
        Assert.Multiple(() =>
        {
            Assert.That(properties.Select(p => p.Key), Is.EquivalentTo(new[] { "connected", "id", "shared", "sessionId" }), "every branch's fields are reachable");
            Assert.That(merged.ContainsKey("required"), Is.False, "which fields appear depends on the variant");
            Assert.That(properties["shared"]!["nullable"]!.GetValue<bool>(), Is.True);
            Assert.That(((JsonObject)properties["id"]!).ContainsKey("type"), Is.False, "string in one branch, integer in the other: untyped rather than wrong for one");
            Assert.That(merged[SpecNormalizer.UnionMarker]!["branches"]!.AsArray().Select(b => b!.GetValue<string>()), Is.EqualTo(new[] { "Direct", "Session" }));
            Assert.That(Schema(result, "Direct"), Is.Not.Null, "branch types stay generated");
        });

        var operationSchema = result.Document["paths"]!["/connect"]!["post"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        Assert.That(operationSchema["$ref"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/ConnectThingResponse"));
        Assert.That(result.Unions.Single().Strategy, Is.EqualTo("merged"));
    }

    [Test]
    public void OneOfWithoutDistinctConstantsIsMergedNotInherited()
    {
        var result = Normalize("""
            {
              "A": { "type": "object", "properties": { "kind": { "const": "same" }, "a": { "type": "string" } } },
              "B": { "type": "object", "properties": { "kind": { "const": "same" }, "b": { "type": "string" } } },
              "U": { "anyOf": [ { "$ref": "#/components/schemas/A" }, { "$ref": "#/components/schemas/B" } ] }
            }
            """);

        Assert.That(result.Unions.Single().Strategy, Is.EqualTo("merged"));
        Assert.That(((JsonObject)Schema(result, "U")["properties"]!).Select(p => p.Key), Is.EquivalentTo(new[] { "kind", "a", "b" }));
    }

    [Test]
    public void PrimitiveUnionBecomesAnyValue()
    {
        var result = Normalize("""{ "A": { "type": "object", "additionalProperties": { "anyOf": [ { "type": "string" }, { "type": "number" }, { "type": "boolean" }, { "type": "null" } ] } } }""");

        var values = (JsonObject)Schema(result, "A")["additionalProperties"]!;
        Assert.Multiple(() =>
        {
            Assert.That(values.ContainsKey("anyOf"), Is.False);
            Assert.That(values.ContainsKey("type"), Is.False);
            Assert.That(values["nullable"]!.GetValue<bool>(), Is.True);
            Assert.That(result.Unions.Single().Strategy, Is.EqualTo("untyped"));
        });
    }

    [Test]
    public void FreeFormObjectComponentsBecomeDictionariesWhereUsed()
    {
        var result = Normalize("""
            {
              "JsonObject": { "type": "object", "additionalProperties": true, "description": "any object" },
              "Event": { "type": "object", "properties": { "traits": { "$ref": "#/components/schemas/JsonObject" } } }
            }
            """);

        var traits = Schema(result, "Event")["properties"]!["traits"]!;
        Assert.Multiple(() =>
        {
            Assert.That(((JsonObject)result.Document["components"]!["schemas"]!).ContainsKey("JsonObject"), Is.False, "no empty class that shadows System.Text.Json.Nodes.JsonObject");
            Assert.That(traits["type"]!.GetValue<string>(), Is.EqualTo("object"));
            Assert.That(traits["additionalProperties"], Is.TypeOf<JsonObject>());
            Assert.That(traits["description"]!.GetValue<string>(), Is.EqualTo("any object"));
        });
    }

    [Test]
    public void AliasesOfObjectSchemasGetADerivedClass()
    {
        var result = Normalize("""
            {
              "Fact": { "type": "object", "properties": { "id": { "type": "string" } } },
              "GetFactOutput": { "description": "the fact", "allOf": [ { "$ref": "#/components/schemas/Fact" } ] },
              "Level": { "type": "string", "enum": ["a"] },
              "LevelAlias": { "allOf": [ { "$ref": "#/components/schemas/Level" } ] }
            }
            """);

        var allOf = Schema(result, "GetFactOutput")["allOf"]!.AsArray();
        Assert.That(allOf, Has.Count.EqualTo(2), "a second, empty member makes NSwag emit GetFactOutput : Fact");
        Assert.That(allOf[0]!["$ref"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/Fact"));
        Assert.That(Schema(result, "LevelAlias")["allOf"]!.AsArray(), Has.Count.EqualTo(1), "an enum cannot be derived from");
    }

    [Test]
    public void InlineBodiesAreNamedAfterTheOperation()
    {
        var result = Normalize(
            "{}",
            """
            {
              "/things": { "get": { "operationId": "listThings", "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": {
                "type": "object", "properties": { "items": { "type": "array", "items": { "type": "string" } } } } } } } } } }
            }
            """);

        Assert.That(Schema(result, "ListThingsResponse")["properties"]!["items"], Is.Not.Null);
    }

    [Test]
    public void HoistsInlineEnumsWithOwnerAndPropertyName()
    {
        var result = Normalize("""{ "Input": { "type": "object", "properties": { "channels": { "type": "array", "items": { "type": "string", "enum": ["email", "slack"] } }, "order": { "type": "string", "enum": ["asc", "desc"], "default": "asc" } } } }""");

        Assert.Multiple(() =>
        {
            Assert.That(Schema(result, "InputChannelsItem")["enum"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(Schema(result, "InputOrder")["enum"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(Schema(result, "Input")["properties"]!["order"]!["default"]!.GetValue<string>(), Is.EqualTo("asc"), "the default stays where the property is");
        });
    }

    [TestCase("SLACK_CHANNEL", "SlackChannel")]
    [TestCase("outlit_list_customers", "OutlitListCustomers")]
    [TestCase("google-calendar", "GoogleCalendar")]
    [TestCase("2fa", "V2fa")]
    [TestCase("getFooBar", "GetFooBar")]
    public void PascalCasesNames(string input, string expected) =>
        Assert.That(SpecNormalizer.Pascal(input), Is.EqualTo(expected));

    [Test]
    public void RefusesABrokenReferenceNamingItAndWhereItIs()
    {
        var exception = Assert.Throws<SpecRefusedException>(() => Normalize("""{ "A": { "type": "object", "properties": { "status": { "$ref": "#/components/schemas/Missing" } } } }"""));

        var problem = exception!.Problems.Single(p => p.Message.Contains("#/components/schemas/Missing"));
        Assert.That(problem.Pointer, Is.EqualTo("/components/schemas/A/properties/status"));
        Assert.That(problem.ToString(), Does.Contain("#/components/schemas/A/properties/status"));
    }

    [Test]
    public void RefusesAContentFreeReferenceLoopNamingEverySchemaOnIt()
    {
        var exception = Assert.Throws<SpecRefusedException>(() => Normalize("""
            {
              "A": { "$ref": "#/components/schemas/B" },
              "B": { "anyOf": [ { "$ref": "#/components/schemas/A" }, { "type": "null" } ] },
              "Fine": { "type": "object", "properties": { "a": { "$ref": "#/components/schemas/A" } } }
            }
            """));

        var loop = exception!.Problems.Single(p => p.Message.Contains("loop"));
        Assert.That(loop.Pointer, Is.EqualTo("/components/schemas/A"));
        Assert.That(loop.Message, Does.Contain("#/components/schemas/A → #/components/schemas/B → #/components/schemas/B/anyOf/0 → #/components/schemas/A"));
    }

    [Test]
    public void RefusesASchemaThatIsAnAllOfOfItself()
    {
        var exception = Assert.Throws<SpecRefusedException>(() => Normalize("""{ "Self": { "allOf": [ { "$ref": "#/components/schemas/Self" } ] } }"""));

        Assert.That(exception!.Problems.Select(p => p.ToString()), Has.Some.Contains("loop #/components/schemas/Self → #/components/schemas/Self/allOf/0 → #/components/schemas/Self"));
    }

    [Test]
    public void AcceptsRecursionThroughContent()
    {
        var result = Normalize("""{ "Node": { "type": "object", "properties": { "children": { "type": "array", "items": { "$ref": "#/components/schemas/Node" } } } } }""");

        Assert.That(Schema(result, "Node")["properties"]!["children"]!["items"]!["$ref"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/Node"));
    }

    [Test]
    public void RefusesABrokenDiscriminatorMapping()
    {
        var exception = Assert.Throws<SpecRefusedException>(() => Normalize("""
            {
              "A": { "type": "object", "properties": { "t": { "const": "a" } } },
              "U": { "oneOf": [ { "$ref": "#/components/schemas/A" } ], "discriminator": { "propertyName": "t", "mapping": { "b": "#/components/schemas/B" } } }
            }
            """));

        Assert.That(exception!.Problems.Select(p => p.ToString()), Has.Some.Contains("#/components/schemas/B").And.Some.Contains("/discriminator/mapping/b"));
    }

    [Test]
    public void RefusesExternalReferences()
    {
        var exception = Assert.Throws<SpecRefusedException>(() => Normalize("""{ "A": { "$ref": "other.json#/components/schemas/A" } }"""));

        Assert.That(exception!.Problems.Single().Message, Does.Contain("outside the document"));
    }

    [TestCase("not json at all")]
    [TestCase("[1, 2]")]
    [TestCase("""{ "swagger": "2.0", "info": { "title": "t", "version": "1" }, "paths": {} }""")]
    public void RefusesWhatIsNotAnOpenApi3Document(string text) =>
        Assert.Throws<SpecRefusedException>(() => SpecNormalizer.Normalize(text));

    [Test]
    public void EnumMembersAreNamedInPascalCaseWithoutTheSharedPrefix()
    {
        var result = Normalize("""{ "Tool": { "type": "string", "enum": ["outlit_list_customers", "outlit_get_fact"] }, "Kind": { "type": "string", "enum": ["CALENDAR_EVENT", "google-mail", "7d"] } }""");

        Assert.Multiple(() =>
        {
            Assert.That(Schema(result, "Tool")["x-enumNames"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "ListCustomers", "GetFact" }));
            Assert.That(Schema(result, "Kind")["x-enumNames"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "CalendarEvent", "GoogleMail", "V7d" }));
        });
    }

    [Test]
    public void EnumMemberNamesGivenByTheContractAreKept()
    {
        var result = Normalize("""{ "Window": { "type": "string", "enum": ["7d", "30d"], "x-enumNames": ["Last7Days", "Last30Days"] } }""");

        Assert.That(Schema(result, "Window")["x-enumNames"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "Last7Days", "Last30Days" }));
    }

    [Test]
    public void EnumValuesThatWouldShareANameRefuseTheDocumentNamingTheEnum()
    {
        var exception = Assert.Throws<SpecRefusedException>(() => Normalize("""{ "A": { "type": "object", "properties": { "order": { "type": "string", "enum": ["asc", "ASC"] } } } }"""));

        var problem = exception!.Problems.Single();
        Assert.Multiple(() =>
        {
            Assert.That(problem.Pointer, Does.StartWith("/components/schemas/A"));
            Assert.That(problem.Message, Does.Contain("'asc'").And.Contain("'ASC'").And.Contain("x-enumNames"));
        });
    }

    [Test]
    public void MalformedContractEnumNamesRefuseTheDocument()
    {
        var exception = Assert.Throws<SpecRefusedException>(() => Normalize("""{ "W": { "type": "string", "enum": ["7d", "30d"], "x-enumNames": ["Last7Days"] } }"""));

        Assert.That(exception!.Problems.Single().Pointer, Is.EqualTo("/components/schemas/W/x-enumNames"));
    }
}
