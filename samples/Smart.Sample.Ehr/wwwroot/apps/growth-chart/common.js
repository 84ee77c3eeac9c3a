// Growth Chart: small UI helpers shared by launch.html and index.html.
"use strict";

window.GrowthChartUi = (() => {
  const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

  function setStatus(text) {
    const status = byTestId("status");
    if (!status) return;
    status.textContent = text;
    status.hidden = !text;
  }

  function requireFhirClient() {
    if (typeof window.FHIR === "undefined" || !window.FHIR.oauth2) {
      const error = new Error(
        "The SMART JavaScript client was not loaded from /lib/fhirclient/fhir-client.min.js. " +
        "Build the sample (dotnet build) to fetch it.");
      error.code = "client_missing";
      throw error;
    }
  }

  // Turns any failure into { code, description, details }:
  // - OAuth errors carried in the redirect, as thrown by FHIR.oauth2.ready():
  //   "access_denied: The user denied the request"
  // - fhirclient HttpError ("403 Forbidden\nURL: ...\n\n{OperationOutcome}")
  // - anything else (network failures, our own errors).
  function describeError(error) {
    if (error && typeof error.status === "number") {
      return describeHttpError(error);
    }
    const full = String((error && error.message) || error || "Unknown error").trim();
    // Keep the first paragraph visible; response bodies and the like go to "technical details".
    const cut = full.indexOf("\n\n");
    const message = (cut < 0 ? full : full.slice(0, cut)).trim();
    const technical = cut < 0 ? "" : full.slice(cut + 2).trim();
    if (error && error.code) {
      return { code: String(error.code), description: message, details: "", technical };
    }
    // "<oauth_error_code>: <description>" (RFC 6749 error codes are lower-case with underscores).
    const match = /^([a-z][a-z0-9_]*)(?::\s*([\s\S]*))?$/.exec(message);
    if (match && match[1].includes("_")) {
      return { code: match[1], description: (match[2] || "").trim(), details: "", technical };
    }
    return { code: (error && error.name) || "Error", description: message, details: "", technical };
  }

  function describeHttpError(error) {
    const code = `HTTP ${error.status}${error.statusText ? " " + error.statusText : ""}`;
    const lines = String(error.message || "").split("\n");
    const url = (lines.find((l) => l.startsWith("URL: ")) || "").slice(5);
    const body = lines.slice(2).join("\n").trim();
    const parts = [];

    const challenge = error.response && error.response.headers && error.response.headers.get("WWW-Authenticate");
    if (challenge) parts.push(challenge);

    let parsed = null;
    try { parsed = body ? JSON.parse(body) : null; } catch { parsed = null; }
    if (parsed && parsed.resourceType === "OperationOutcome" && Array.isArray(parsed.issue)) {
      for (const issue of parsed.issue) {
        const text = issue.diagnostics || (issue.details && issue.details.text) || issue.code;
        if (text) parts.push(text);
      }
    } else if (body && !parsed) {
      parts.push(body.slice(0, 300));
    } else if (body) {
      parts.push(lines.slice(2).join(" ").trim()); // e.g. "invalid_token: ..." from HttpError.parse()
    }
    if (parts.length === 0) parts.push("The FHIR server refused the request.");
    return { code, description: parts.join(" — "), details: url ? `Request: ${url}` : "" };
  }

  // Shows the error code and description as visible text in [data-testid="error"].
  function showError(error, title) {
    console.error(error);
    const { code, description, details, technical } = describeError(error);
    const box = byTestId("error");
    box.replaceChildren();

    const heading = document.createElement("h2");
    heading.textContent = title || "Something went wrong";
    const message = document.createElement("p");
    message.className = "error-message";
    const codeEl = document.createElement("code");
    codeEl.className = "error-code";
    codeEl.textContent = code;
    message.append(codeEl);
    if (description) message.append(": ", description);
    box.append(heading, message);

    if (details) {
      const more = document.createElement("p");
      more.className = "error-details";
      more.textContent = details;
      box.append(more);
    }
    if (technical) {
      const more = document.createElement("details");
      more.className = "error-technical";
      const summary = document.createElement("summary");
      summary.textContent = "Technical details";
      const pre = document.createElement("pre");
      pre.textContent = technical.length > 2000 ? `${technical.slice(0, 2000)}…` : technical;
      more.append(summary, pre);
      box.append(more);
    }
    const hint = document.createElement("p");
    hint.className = "error-hint";
    const relaunch = document.createElement("a");
    relaunch.href = "launch.html";
    relaunch.textContent = "Launch the app again";
    hint.append(relaunch, " (standalone), or relaunch it from the EHR.");
    box.append(hint);
    box.hidden = false;
  }

  return { byTestId, setStatus, requireFhirClient, describeError, showError };
})();
