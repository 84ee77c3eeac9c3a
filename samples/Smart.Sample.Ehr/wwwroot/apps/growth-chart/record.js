// Growth Chart: recording measurements (SAMPLE-CONTRACT "The Growth Chart app records measurements").
// Shows the form [data-testid="measurement-form"] when the granted scope lets the app create Observations
// (SMART v2 patient/Observation.c..., v1 patient/Observation.write), else [data-testid="read-only"].
// Saving creates one vital-signs Observation per filled value through the FHIR API (fhirclient's client.create).
"use strict";

window.GrowthChartRecorder = (() => {
  const { byTestId } = window.GrowthChartUi;
  const LOINC = "http://loinc.org";
  const UCUM = "http://unitsofmeasure.org";
  const MEASURES = [
    { name: "height", code: "8302-2", display: "Body height", unit: "cm", max: 250, label: "Height" },
    { name: "weight", code: "29463-7", display: "Body weight", unit: "kg", max: 300, label: "Weight" },
    { name: "head", code: "9843-4", display: "Head Occipital-frontal circumference", unit: "cm", max: 80, label: "Head circumference" },
  ];

  /** Whether one granted scope permits creating (vital-signs) Observations. */
  function scopeCreatesObservations(scope) {
    const match = /^(patient|user)\/(Observation|\*)\.([^?]+)(\?(.*))?$/.exec(scope);
    if (!match) return false;
    const permissions = match[3];
    const query = match[5];
    if (query && !query.split("&").some((p) => p.startsWith("category=") && p.includes("vital-signs"))) return false;
    if (permissions === "write" || permissions === "*") return true;
    return /^c?r?u?d?s?$/.test(permissions) && permissions.includes("c");
  }

  function canCreateObservations(grantedScope) {
    return String(grantedScope || "").split(/\s+/).some(scopeCreatesObservations);
  }

  function observationFor(measure, value, patientId, when) {
    return {
      resourceType: "Observation",
      status: "final",
      category: [{
        coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "vital-signs", display: "Vital Signs" }],
      }],
      code: { coding: [{ system: LOINC, code: measure.code, display: measure.display }], text: measure.display },
      subject: { reference: `Patient/${patientId}` },
      effectiveDateTime: when,
      valueQuantity: { value, unit: measure.unit, system: UCUM, code: measure.unit },
    };
  }

  function fieldError(measure, message) {
    const input = document.getElementById(`measure-${measure.name}`);
    const error = byTestId(`${measure.name}-error`);
    error.textContent = message || "";
    error.hidden = !message;
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    return input;
  }

  /** Reads the form: [{ measure, value }] for filled fields, or null after showing the field errors. */
  function readValues(form) {
    const values = [];
    let firstInvalid = null;
    for (const measure of MEASURES) {
      const input = form.elements[measure.name];
      const raw = input.value.trim();
      let message = "";
      if (raw === "" && input.validity.badInput) {
        message = `${measure.label} must be a number.`;
      } else if (raw !== "") {
        const value = Number(raw);
        if (!Number.isFinite(value)) message = `${measure.label} must be a number.`;
        else if (value <= 0) message = `${measure.label} must be greater than 0 ${measure.unit}.`;
        else if (value > measure.max) message = `${measure.label} must be at most ${measure.max} ${measure.unit}.`;
        else values.push({ measure, value });
      }
      const field = fieldError(measure, message);
      if (message && !firstInvalid) firstInvalid = field;
    }
    const formError = byTestId("measurement-error");
    if (!firstInvalid && values.length === 0) {
      formError.textContent = "Enter at least one value: height, weight or head circumference.";
      formError.hidden = false;
      firstInvalid = form.elements.height;
    } else {
      formError.textContent = "";
      formError.hidden = true;
    }
    if (firstInvalid) {
      firstInvalid.focus();
      return null;
    }
    return values;
  }

  function start({ client, patient, onCreated }) {
    const granted = (client.state.tokenResponse || {}).scope;
    if (!canCreateObservations(granted)) {
      byTestId("read-only").hidden = false;
      return;
    }

    const section = byTestId("record-section");
    const form = byTestId("measurement-form");
    const button = byTestId("save-measurement");
    const status = byTestId("save-status");
    section.hidden = false;

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      status.textContent = "";
      const values = readValues(form);
      if (!values) return;

      button.disabled = true;
      status.textContent = "Saving…";
      const when = new Date().toISOString();
      let saved = 0;
      try {
        for (const { measure, value } of values) {
          const created = await client.create(observationFor(measure, value, patient.id, when));
          onCreated(created);
          saved += 1;
          form.elements[measure.name].value = "";
        }
        status.textContent = `Saved ${saved} measurement${saved === 1 ? "" : "s"} to the EHR.`;
      } catch (error) {
        status.textContent = saved ? `Saved ${saved} of ${values.length} measurements.` : "";
        const formError = byTestId("measurement-error");
        const { code, description } = window.GrowthChartUi.describeError(error);
        formError.textContent = `The EHR did not accept the measurement (${code}): ${description}`;
        formError.hidden = false;
      } finally {
        button.disabled = false;
      }
    });
  }

  return { start, canCreateObservations };
})();
