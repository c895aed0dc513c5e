namespace Readiness.Core.Catalog;

/// <summary>The six dimensions of the Gerakan Menuju 100 Smart City framework.</summary>
public enum Dimension
{
    Governance,
    Branding,
    Economy,
    Living,
    Society,
    Environment,
}
