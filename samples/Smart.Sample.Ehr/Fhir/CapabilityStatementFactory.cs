using Hl7.Fhir.Model;

namespace Smart.Sample.Ehr.Fhir;

/// <summary>
/// Builds the server's CapabilityStatement from <see cref="FhirResourceType.All"/>. It says nothing about security:
/// Smart.AspNetCore adds <c>rest.security</c> (SMART-on-FHIR service and OAuth URIs) to the response by itself.
/// </summary>
public static class CapabilityStatementFactory
{
    /// <summary>Creates the CapabilityStatement of the FHIR API at <paramref name="fhirBase"/>.</summary>
    public static CapabilityStatement Create(string fhirBase, DateTimeOffset now)
    {
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = "Demo FHIR R4 API of the Smart Sample EHR, protected by SMART on FHIR scopes.",
        };

        foreach (var type in FhirResourceType.All.Values)
        {
            var resource = new CapabilityStatement.ResourceComponent
            {
                Type = type.Name,
                Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned,
                ReadHistory = false,
                UpdateCreate = type.Writable,
                Interaction =
                [
                    Interaction(CapabilityStatement.TypeRestfulInteraction.Read),
                    Interaction(CapabilityStatement.TypeRestfulInteraction.SearchType),
                ],
            };

            if (type.Writable)
            {
                resource.Interaction.Add(Interaction(CapabilityStatement.TypeRestfulInteraction.Create));
                resource.Interaction.Add(Interaction(CapabilityStatement.TypeRestfulInteraction.Update));
            }

            if (type.Subject is not null)
            {
                resource.SearchInclude = [$"{type.Name}:patient", $"{type.Name}:subject"];
            }

            foreach (var (name, paramType, documentation) in type.SearchParameters())
            {
                resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent
                {
                    Name = name,
                    Type = paramType,
                    Documentation = documentation,
                });
            }

            rest.Resource.Add(resource);
        }

        rest.Resource.Add(Audit.AuditEventApi.CapabilityResource());

        return new CapabilityStatement
        {
            Id = "smart-sample-ehr",
            Url = fhirBase + "/metadata",
            Name = "SmartSampleEhr",
            Title = "Smart Sample EHR FHIR API",
            Status = PublicationStatus.Active,
            Experimental = true,
            Date = now.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            Publisher = "Smart.AspNetCore contributors",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "Smart Sample EHR", Version = "0.1.0" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "Smart Sample EHR (demo data only)", Url = fhirBase },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["json", FhirJson.MediaType],
            Rest = [rest],
        };
    }

    private static CapabilityStatement.ResourceInteractionComponent Interaction(CapabilityStatement.TypeRestfulInteraction code) => new() { Code = code };
}
