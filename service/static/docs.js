// Offline API reference: renders /openapi.json without any third-party code. Used only when
// the Swagger UI assets (pip package swagger-ui-bundle-v2) are not installed.
"use strict";
(async function () {
  const root = document.getElementById("docs");
  const h = (tag, text, cls) => { const n = document.createElement(tag); if (text) n.textContent = text; if (cls) n.className = cls; return n; };
  let spec;
  try { spec = await (await fetch("/openapi.json")).json(); } catch (e) { root.textContent = "Could not load /openapi.json."; return; }
  root.replaceChildren(h("h1", spec.info.title + " " + spec.info.version), h("p", spec.info.description || ""));
  const ref = (s) => (s && s.$ref ? s.$ref.split("/").pop() : s && s.type ? s.type : "");
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const sec = h("section", null, "finding");
      sec.append(h("h2", method.toUpperCase() + " " + path), h("p", op.summary || "", "message"));
      if (op.description) sec.append(h("p", op.description, "rationale"));
      const body = op.requestBody && op.requestBody.content["application/json"];
      if (body) sec.append(h("p", "Request body: " + ref(body.schema)));
      const codes = Object.entries(op.responses || {}).map(([c, r]) => c + " " + (r.description || "")).join(" · ");
      sec.append(h("p", "Responses: " + codes, "rationale"));
      root.append(sec);
    }
  }
  root.append(h("h2", "Schemas"));
  for (const [name, schema] of Object.entries((spec.components || {}).schemas || {})) {
    const pre = h("pre", JSON.stringify(schema, null, 2));
    const det = document.createElement("details");
    det.append(h("summary", name), pre);
    root.append(det);
  }
})();
