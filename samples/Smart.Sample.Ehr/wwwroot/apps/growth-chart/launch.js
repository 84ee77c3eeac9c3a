// Growth Chart: SMART launch page (launch_uri of the "growth-chart" client).
//
// EHR launch:        launch.html?iss=<fhir base>&launch=<opaque handle>
// Standalone launch: launch.html            (FHIR base defaults to {origin}/fhir)
//                    launch.html?iss=<fhir base>
// Tests may override the requested scope: launch.html?scope=<space separated scopes>
// (e.g. SMART v1 "launch/patient openid fhirUser patient/*.read").
"use strict";

const CLIENT_ID = "growth-chart";

// SMART v2 scopes: read + search of the in-context patient's Patient and Observations.
const DATA_SCOPES = "patient/Patient.rs patient/Observation.rs";
// EHR launch: "launch" asks the server to resolve the context bound to the launch handle.
const EHR_LAUNCH_SCOPE = `launch openid fhirUser profile online_access ${DATA_SCOPES}`;
// Standalone launch: "launch/patient" asks the server to select a patient (picker or the user's own record).
const STANDALONE_SCOPE = `launch/patient openid fhirUser profile online_access ${DATA_SCOPES}`;

function chooseLaunchParameters(url) {
  const params = url.searchParams;
  const isEhrLaunch = params.has("launch");
  const iss = params.get("iss") || `${url.origin}/fhir`;
  const scope = (params.get("scope") || "").trim() || (isEhrLaunch ? EHR_LAUNCH_SCOPE : STANDALONE_SCOPE);
  return { isEhrLaunch, iss, scope };
}

async function launch() {
  const { isEhrLaunch, iss, scope } = chooseLaunchParameters(new URL(window.location.href));

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
