import { Card, CardHeader } from "~/components/ui/Card";

// The "Funded by" snippet for a hub's login page (issue 11, section 3): the hub's
// jupyterhub_config.py fetches what Commons credits this hub with into a JupyterHub
// template variable when the hub starts; a login.html override renders it. Nothing
// is fetched in the visitor's browser, so the login page stays fast and private.

const CODE = "mt-1 block w-full rounded-md border border-line bg-canvas p-3 font-mono text-xs";

export function FundedBySnippet({ appUrl, hubId }: { appUrl: string; hubId: string }) {
  const endpoint = `${appUrl}/api/v1/hubs/${hubId}/funded-by`;
  const config = `# jupyterhub_config.py
import json, urllib.request

try:
    with urllib.request.urlopen("${endpoint}", timeout=5) as answer:
        commons = json.load(answer)
except Exception:
    commons = None  # Commons unreachable: the login page simply shows no credit.

c.JupyterHub.template_vars = {**c.JupyterHub.template_vars, "commons": commons}
c.JupyterHub.template_paths = ["/etc/jupyterhub/templates"]`;
  const template = `{# /etc/jupyterhub/templates/login.html #}
{% extends "templates/login.html" %}
{% block login_container %}
{{ super() }}
{% if commons and commons.improvements %}
<aside class="container" style="max-width: 36em; margin-top: 2em">
  <h2 style="font-size: 1.1em">Improvements this hub runs, funded together</h2>
  <ul>
  {% for item in commons.improvements %}
    <li><a href="{{ item.url }}">{{ item.title }}</a>{% if item.funders %}, funded by {{ item.funders | join(", ") }}{% endif %}{% if item.anonymousFunders %} and {{ item.anonymousFunders }} anonymous{% endif %}</li>
  {% endfor %}
  </ul>
</aside>
{% endif %}
{% endblock %}`;
  return (
    <Card>
      <CardHeader title="“Funded by” on your login page" level={3} />
      <p className="text-sm">
        Show your users which funded improvements this hub runs, and who funded them. Add this to the hub's
        configuration; it reads <a href={endpoint}>what Commons credits this hub with</a> when the hub starts.
      </p>
      <label htmlFor="snippet-config" className="mt-4 block text-sm font-semibold">
        jupyterhub_config.py
      </label>
      <textarea id="snippet-config" readOnly rows={11} value={config} className={CODE} spellCheck={false} />
      <label htmlFor="snippet-template" className="mt-4 block text-sm font-semibold">
        templates/login.html
      </label>
      <textarea
        id="snippet-template"
        readOnly
        rows={16}
        value={template}
        className={CODE}
        spellCheck={false}
      />
    </Card>
  );
}
