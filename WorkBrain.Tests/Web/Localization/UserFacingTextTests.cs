using WorkBrain.Web.Localization;

namespace WorkBrain.Tests.Web.Localization;

public sealed class UserFacingTextTests
{
    [Theory]
    [InlineData("No speech was found in the recording.")]
    [InlineData("The image is too small to read.")]
    public void IsSafe_PlainSentence_True(string message) => Assert.True(UserFacingText.IsSafe(message));

    [Theory]
    [InlineData("sd-turbo is not downloaded (/path/to/models/image-generation/sd-turbo). Run: dotnet run -- models pull sd-turbo")]
    [InlineData("set TextGeneration:Endpoint in appsettings.json")]
    [InlineData("Connection refused (http://10.0.0.5:11434/v1)")]
    [InlineData("C:\\models\\x.onnx is missing")]
    [InlineData("")]
    public void IsSafe_PathsCommandsSettingsOrAddresses_False(string message) => Assert.False(UserFacingText.IsSafe(message));
}
