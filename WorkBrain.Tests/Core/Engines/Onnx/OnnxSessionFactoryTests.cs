using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines.Onnx;
using WorkBrain.Core.Gate;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Engines.Onnx;

public sealed class OnnxSessionFactoryTests
{
    private static string GateModel => Path.Combine(TestModels.RepositoryRoot, "models", "gate", "gate.onnx");

    [Fact]
    public void Create_CpuAsked_RecordsTheSessionOnTheCpu()
    {
        var factory = new OnnxSessionFactory(Options.Create(new OnnxRuntimeOptions { ExecutionProvider = "cpu" }));

        using var session = factory.Create("gate", GateModel, new OnnxSessionSettings { IntraOpThreads = 1 }, out var device);

        Assert.Equal(OnnxSessionFactory.Cpu, device);
        var info = Assert.Single(factory.Sessions);
        Assert.Equal(("gate", "gate.onnx", "CPU", (string?)null), (info.Model, info.File, info.Device, info.Note));
        Assert.Equal("CPU", factory.DeviceOf("gate"));
        Assert.Null(factory.DeviceOf("whisper"));
    }

    [Fact]
    public void Create_CudaAskedWithoutAGpu_FallsBackToTheCpuAndSaysWhy()
    {
        // Listing providers is not enough: the CUDA provider is listed without a GPU. Only appending it shows the failure.
        var factory = new OnnxSessionFactory(Options.Create(new OnnxRuntimeOptions { ExecutionProvider = "cuda" }));

        using var session = factory.Create("gate", GateModel, null, out var device);

        var info = Assert.Single(factory.Sessions);
        if (device == OnnxSessionFactory.Cpu)
        {
            Assert.StartsWith("CUDA could not start", info.Note, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(OnnxSessionFactory.Cuda, device);
            Assert.True(OnnxSessionFactory.GpuBuild);
        }

        Assert.NotEmpty(session.OutputNames);
    }

    [Fact]
    public void ModelAsksForCpu_OverridesTheConfiguredProvider()
    {
        var factory = new OnnxSessionFactory(Options.Create(new OnnxRuntimeOptions { ExecutionProvider = "cuda" }));

        using var session = factory.Create("gate", GateModel, new OnnxSessionSettings { ExecutionProvider = "cpu" });

        Assert.Equal(("CPU", (string?)null), (factory.Sessions[0].Device, factory.Sessions[0].Note));
    }

    [Fact]
    public async Task RealApp_TheGateGetsItsSessionFromTheSharedFactory()
    {
        using var app = new WorkBrainAppFactory();
        using var client = app.CreateClient();

        var gate = app.Services.GetRequiredService<IGate>();
        var factory = app.Services.GetRequiredService<OnnxSessionFactory>();

        Assert.NotEqual("text-only", gate.Name);
        var session = Assert.Single(factory.Sessions, s => s.Model == "gate");
        Assert.Equal("CPU", session.Device);
        var decision = await gate.RouteAsync(WorkBrain.Core.Turns.Turn.FromText("画一只猫"));
        Assert.NotEmpty(decision.Selected);
    }
}
