// SMART Backend Services with the Node client `openid-client` v6 (panva, OpenID-certified), run by
// Clients/OpenIdClientTests.cs against the sample EHR on a loopback port. Nothing here is SMART-specific:
// discovery, a client_credentials grant authenticated with private_key_jwt using the library's DEFAULT assertion
// settings (openid-client puts the issuer in `aud`), a FHIR read with the access token, then introspection and
// revocation authenticated the same way. Prints one JSON object on stdout; any failure exits non-zero.
//
// Environment: SMART_ISSUER (the FHIR base URL, also the issuer), SMART_CLIENT_ID, SMART_PRIVATE_JWK (a file with
// the client's private JWK), SMART_SCOPE, SMART_PATIENT (a Patient id to read).
import { readFile } from "node:fs/promises";
import * as client from "openid-client";

const issuer = new URL(process.env.SMART_ISSUER);
const jwk = JSON.parse(await readFile(process.env.SMART_PRIVATE_JWK, "utf8"));
const key = await crypto.subtle.importKey("jwk", jwk, { name: "RSASSA-PKCS1-v1_5", hash: `SHA-${jwk.alg.slice(2)}` }, false, ["sign"]);

// Record the client assertion of each request: the test checks that openid-client's defaults were used.
const assertions = [];
const recordingFetch = (url, options) => {
  const body = options?.body instanceof URLSearchParams ? options.body : null;
  const assertion = body?.get("client_assertion");
  if (assertion) {
    const [header, payload] = assertion.split(".").slice(0, 2).map((part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")));
    assertions.push({ endpoint: url.toString(), alg: header.alg, aud: payload.aud, iss: payload.iss, sub: payload.sub });
  }
  return fetch(url, options);
};

const config = await client.discovery(
  issuer,
  process.env.SMART_CLIENT_ID,
  undefined,
  client.PrivateKeyJwt({ key, kid: jwk.kid }),
  { execute: [client.allowInsecureRequests], [client.customFetch]: recordingFetch },
);

const tokens = await client.clientCredentialsGrant(config, { scope: process.env.SMART_SCOPE });

const read = await client.fetchProtectedResource(
  config,
  tokens.access_token,
  new URL(`${issuer.href}/Patient/${process.env.SMART_PATIENT}`),
  "GET",
  undefined,
  new Headers({ accept: "application/fhir+json" }),
);
const patient = await read.json();

const introspected = await client.tokenIntrospection(config, tokens.access_token);
await client.tokenRevocation(config, tokens.access_token);
const afterRevocation = await client.tokenIntrospection(config, tokens.access_token);

console.log(JSON.stringify({
  issuer: config.serverMetadata().issuer,
  token: { token_type: tokens.token_type, scope: tokens.scope, expires_in: tokens.expires_in },
  read: { status: read.status, resourceType: patient.resourceType, id: patient.id },
  introspection: { active: introspected.active, client_id: introspected.client_id, scope: introspected.scope },
  afterRevocation: { active: afterRevocation.active },
  assertions,
}));
