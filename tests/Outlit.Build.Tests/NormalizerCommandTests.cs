using Outlit.Build.CodeGen;
using Outlit.Build.CodeGen.Normalization;

namespace Outlit.Build.Tests;

/// <summary>The normalizer's command line: exit codes and messages, never a stack trace.</summary>
public class NormalizerCommandTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = Directory.CreateTempSubdirectory("outlit-normalizer-").FullName;
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = Program.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Test]
    public void WritesTheNormalizedDocumentAndTheUnionReport()
    {
        var input = Path.Combine(_folder, "in.json");
        File.WriteAllText(input, """
            { "openapi": "3.1.0", "info": { "title": "t", "version": "1" }, "paths": {},
              "components": { "schemas": { "U": { "oneOf": [ { "type": "object", "properties": { "a": { "type": "string" } } }, { "type": "object", "properties": { "b": { "type": "string" } } } ] } } } }
            """);
        var output = Path.Combine(_folder, "obj", "out.json");
        var report = Path.Combine(_folder, "obj", "unions.json");

        var result = Run(input, output, "--report", report);

        Assert.That(result.ExitCode, Is.EqualTo(Program.Success), result.Error);
        Assert.That(File.ReadAllText(output), Does.Contain("\"openapi\": \"3.0.3\""));
        Assert.That(File.ReadAllText(report), Does.Contain("\"strategy\": \"merged\""));
    }

    [Test]
    public void RefusesAnInvalidDocumentWithExitCode2AndNoOutput()
    {
        var input = Path.Combine(_folder, "broken.json");
        File.WriteAllText(input, """
            { "openapi": "3.1.0", "info": { "title": "t", "version": "1" }, "paths": {},
              "components": { "schemas": { "Summary": { "type": "object", "properties": { "status": { "$ref": "#/components/schemas/DeliveryState" } } } } } }
            """);
        var output = Path.Combine(_folder, "out.json");

        var result = Run(input, output);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(Program.Refused));
            Assert.That(result.Error, Does.Contain("#/components/schemas/DeliveryState"));
            Assert.That(result.Error, Does.Contain("#/components/schemas/Summary/properties/status"));
            Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(File.Exists(output), Is.False, "nothing is generated from a refused document");
        });
    }

    [Test]
    public void ReportsAMissingFileAsUsageError()
    {
        var result = Run(Path.Combine(_folder, "missing.json"), Path.Combine(_folder, "out.json"));

        Assert.That(result.ExitCode, Is.EqualTo(Program.Usage));
        Assert.That(result.Error, Does.Contain("file not found"));
    }

    [Test]
    public void ReportsMissingArgumentsAsUsageError()
    {
        var result = Run("only-one.json");

        Assert.That(result.ExitCode, Is.EqualTo(Program.Usage));
        Assert.That(result.Error, Does.Contain("usage:"));
    }
}
