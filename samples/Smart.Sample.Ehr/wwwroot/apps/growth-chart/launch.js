// Growth Chart: SMART launch page (launch_uri of the "growth-chart" client).
//
// EHR launch:        launch.html?iss=<fhir base>&launch=<opaque handle>
// Standalone launch: launch.html            (FHIR base defaults to {origin}/fhir)
//                    launch.html?iss=<fhir base>
// Tests may override the requested scope: launch.html?scope=<space separated scopes>
// (e.g. SMART v1 "launch/patient openid fhirUser patient/*.read").
"use strict";

const CLIENT_ID = "growth-chart";

// SMART v2 scopes: read + search of the in-context patient's Patient and Observations, and create + update of
// Observations (the measurement form records height, weight and head circumference).
const DATA_SCOPES = "patient/Patient.rs patient/Observation.rs patient/Observation.cu";
// The same access in SMART v1 words, for servers that do not advertise "permission-v2".
const DATA_SCOPES_V1 = "patient/Patient.read patient/Observation.read patient/Observation.write";
// EHR launch: "launch" asks the server to resolve the context bound to the launch handle.
const EHR_LAUNCH_SCOPE = `launch openid fhirUser profile online_access ${DATA_SCOPES}`;
// Standalone launch: "launch/patient" asks the server to select a patient (picker or the user's own record).
const STANDALONE_SCOPE = `launch/patient openid fhirUser profile online_access ${DATA_SCOPES}`;

function chooseLaunchParameters(url, v1) {
  const params = url.searchParams;
  const isEhrLaunch = params.has("launch");
  const iss = params.get("iss") || `${url.origin}/fhir`;
  let scope = (params.get("scope") || "").trim() || (isEhrLaunch ? EHR_LAUNCH_SCOPE : STANDALONE_SCOPE);
  if (v1 && !params.get("scope")) scope = scope.replace(DATA_SCOPES, DATA_SCOPES_V1);
  return { isEhrLaunch, iss, scope };
}

// SMART v1 servers do not list "permission-v2" in .well-known/smart-configuration: ask them in v1 words.
async function speaksV1Only(iss) {
  try {
    const response = await fetch(`${iss.replace(/\/$/, "")}/.well-known/smart-configuration`, { headers: { Accept: "application/json" } });
    if (!response.ok) return false;
    const config = await response.json();
    const capabilities = Array.isArray(config.capabilities) ? config.capabilities : [];
    return capabilities.includes("permission-v1") && !capabilities.includes("permission-v2");
  } catch {
    return false;
  }
}

async function launch() {
  const url = new URL(window.location.href);
  const v1 = await speaksV1Only(url.searchParams.get("iss") || `${url.origin}/fhir`);
  const { isEhrLaunch, iss, scope } = chooseLaunchParameters(url, v1);

  GrowthChartUi.byTestId("launch-type").textContent = isEhrLaunch ? "EHR launch" : "Standalone launch";
  GrowthChartUi.byTestId("launch-iss").textContent = iss;
  GrowthChartUi.byTestId("requested-scope").textContent = scope;
  document.querySelector(".launch-details").hidden = false;

  GrowthChartUi.requireFhirClient();
  GrowthChartUi.setStatus("Redirecting to the authorization server…");

  // fhirclient reads `launch` (and `iss`) from the page URL itself.
  await FHIR.oauth2.authorize({
    clientId: CLIENT_ID,
    scope,
    redirectUri: "index.html",
    iss,
    pkceMode: "required",
    // Finish the flow in this window/frame even when opened as a pop-up or in an iframe.
    completeInTarget: true,
  });
}

launch().catch((error) => {
  GrowthChartUi.setStatus("");
  GrowthChartUi.showError(error, "The app could not be launched");
});
