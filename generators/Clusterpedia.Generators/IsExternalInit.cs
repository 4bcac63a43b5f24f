// netstandard2.0 lacks this type; records and init accessors need it (CS0518 otherwise).
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
