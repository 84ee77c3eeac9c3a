// Growth Chart: SMART plumbing. Completes the authorization (redirect_uri of the "growth-chart"
// client), reads the in-context Patient and their growth Observations, and hands them to
// renderGrowthCharts() (charts.js), which does the drawing.
"use strict";

const GROWTH_CODES = [
  "http://loinc.org|8302-2",  // Body height
  "http://loinc.org|29463-7", // Body weight
  "http://loinc.org|9843-4",  // Head circumference
];

const { byTestId, setStatus, requireFhirClient, showError } = window.GrowthChartUi;

function formatName(patient) {
  const names = patient.name || [];
  const name = names.find((n) => n.use === "official") || names.find((n) => n.use === "usual") || names[0];
  if (!name) return "(no name)";
  const parts = [...(name.given || []), name.family].filter(Boolean);
  return parts.length ? parts.join(" ") : (name.text || "(no name)");
}

function formatAge(birthDate, now = new Date()) {
  const born = new Date(birthDate);
  if (Number.isNaN(born.getTime())) return "—";
  let months = (now.getUTCFullYear() - born.getUTCFullYear()) * 12 + (now.getUTCMonth() - born.getUTCMonth());
  if (now.getUTCDate() < born.getUTCDate()) months -= 1;
  if (months < 0) return "—";
  if (months < 24) return `${months} month${months === 1 ? "" : "s"}`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest ? `${years} y ${rest} m` : `${years} years`;
}

function showPatient(patient) {
  byTestId("patient-name").textContent = formatName(patient);
  byTestId("patient-birthdate").textContent = patient.birthDate || "unknown";
  byTestId("patient-age").textContent = patient.birthDate ? formatAge(patient.birthDate) : "—";
  const gender = patient.gender || "unknown";
  byTestId("patient-gender").textContent = gender.charAt(0).toUpperCase() + gender.slice(1);
  byTestId("patient-id").textContent = patient.id || "—";
  byTestId("patient-banner").hidden = false;
  document.title = `Growth Chart · ${formatName(patient)}`;
}

function showSession(client) {
  const tokenResponse = client.state.tokenResponse || {};
  let fhirUser = null;
  try {
    fhirUser = client.getFhirUser(); // from the id_token (openid + fhirUser scopes)
  } catch {
    fhirUser = null;
  }
  byTestId("fhir-user").textContent = fhirUser || "(no fhirUser in the id_token)";
  byTestId("granted-scope").textContent = tokenResponse.scope || "(not reported by the server)";
  byTestId("fhir-server").textContent = client.state.serverUrl || "—";
  byTestId("encounter").textContent = client.encounter.id || "(none)";
  const expiresAt = client.state.expiresAt; // seconds since epoch, set by fhirclient
  byTestId("token-expiry").textContent = expiresAt
    ? `expires ${new Date(expiresAt * 1000).toLocaleTimeString()}`
    : (tokenResponse.expires_in ? `expires in ${tokenResponse.expires_in} s` : "—");
  byTestId("session").hidden = false;
}

async function main() {
  requireFhirClient();
  const client = await FHIR.oauth2.ready();
  showSession(client);

  if (!client.patient.id) {
    const error = new Error("The authorization server did not return a patient in context.");
    error.code = "no_patient_context";
    throw error;
  }

  setStatus("Loading patient…");
  const patient = await client.patient.read();
  showPatient(patient);
  applyPatientBanner(client);

  setStatus("Loading growth observations…");
  const query = `Observation?patient=${encodeURIComponent(client.patient.id)}` +
    `&code=${GROWTH_CODES.join(",")}&_count=200`;
  const observations = await client.request(query, { pageLimit: 0, flat: true });

  const plotted = observations || [];
  const render = () => {
    const summary = renderGrowthCharts(document.getElementById("charts"), patient, plotted);
    byTestId("observation-count").textContent = String(summary.plotted);
  };
  render();
  setStatus("");

  // Recording measurements (record.js): new Observations join the plotted ones and everything is drawn again.
  window.GrowthChartRecorder.start({
    client,
    patient,
    onCreated(observation) {
      plotted.push(observation);
      render();
    },
  });
}

// SMART "need_patient_banner": false when the EHR already shows the patient (an app embedded in the chart page).
function applyPatientBanner(client) {
  const tokenResponse = client.state.tokenResponse || {};
  const embedded = tokenResponse.need_patient_banner === false;
  byTestId("patient-banner").classList.toggle("banner-suppressed", embedded);
  document.body.classList.toggle("embedded", embedded);
}

main().catch((error) => {
  setStatus("");
  showError(error, "The growth chart could not be loaded");
});
