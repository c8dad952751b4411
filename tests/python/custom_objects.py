#!/usr/bin/env python3
"""Custom resources through the official Python client.

Usage: custom_objects.py KUBECONFIG NAMESPACE CACHE_DIR

Installs a CronTab CRD (stable.example.com, with the status subresource) with
ApiextensionsV1Api and polls it until Established, then drives CronTabs with
CustomObjectsApi (create, get, list by label, merge patch, replace, status get
and patch, delete) and with kubernetes.dynamic.DynamicClient (discovery by
apiVersion/kind, create, get, list, watch, delete). Prints "OK <check>" or
"FAIL <check>: <detail>" per check and exits 1 if any failed.
"""
import json
import sys
import time

from kubernetes import client, config, dynamic
from kubernetes.client.rest import ApiException

GROUP, VERSION, PLURAL = "stable.example.com", "v1", "crontabs"
CRD_NAME = f"{PLURAL}.{GROUP}"

CRD = {
    "apiVersion": "apiextensions.k8s.io/v1",
    "kind": "CustomResourceDefinition",
    "metadata": {"name": CRD_NAME},
    "spec": {
        "group": GROUP,
        "scope": "Namespaced",
        "names": {"plural": PLURAL, "singular": "crontab", "kind": "CronTab",
                  "shortNames": ["ct"]},
        "versions": [{
            "name": VERSION, "served": True, "storage": True,
            "subresources": {"status": {}},
            "schema": {"openAPIV3Schema": {
                "type": "object",
                "properties": {
                    "spec": {"type": "object", "properties": {
                        "cronSpec": {"type": "string"},
                        "image": {"type": "string"},
                        "replicas": {"type": "integer", "minimum": 1, "maximum": 10},
                    }},
                    "status": {"type": "object", "properties": {
                        "phase": {"type": "string"},
                    }},
                },
            }},
        }],
    },
}

failures = 0


def check(name, ok, detail=""):
    global failures
    if ok:
        print(f"OK {name}")
    else:
        failures += 1
        print(f"FAIL {name}: {detail}")
    sys.stdout.flush()


def cron_tab(name, replicas, labels=None):
    return {"apiVersion": f"{GROUP}/{VERSION}", "kind": "CronTab",
            "metadata": {"name": name, "labels": labels or {}},
            "spec": {"cronSpec": "* * * * */5", "image": "my-cron-image", "replicas": replicas}}


def install_crd(api_client):
    extensions = client.ApiextensionsV1Api(api_client)
    created = extensions.create_custom_resource_definition(body=CRD)
    check("crd created", created.metadata.name == CRD_NAME, created.metadata.name)
    established = False
    for _ in range(100):  # about 10 s
        crd = extensions.read_custom_resource_definition(CRD_NAME)
        conditions = (crd.status.conditions or []) if crd.status else []
        if any(c.type == "Established" and c.status == "True" for c in conditions):
            established = True
            break
        time.sleep(0.1)
    check("crd established", established, "no Established=True condition")
    check("crd accepted names", established and crd.status.accepted_names.kind == "CronTab",
          str(crd.status.accepted_names) if established else "")


def custom_objects(api_client, namespace):
    api = client.CustomObjectsApi(api_client)
    args = (GROUP, VERSION, namespace, PLURAL)
    created = api.create_namespaced_custom_object(*args, cron_tab("one", 1, {"tier": "a"}))
    check("custom create", created["metadata"]["name"] == "one" and
          created["metadata"].get("generation") == 1, json.dumps(created))
    api.create_namespaced_custom_object(*args, cron_tab("two", 2, {"tier": "b"}))

    got = api.get_namespaced_custom_object(*args, "one")
    check("custom get", got["spec"]["replicas"] == 1 and got["kind"] == "CronTab", json.dumps(got))

    listed = api.list_namespaced_custom_object(*args, label_selector="tier=b")
    names = [item["metadata"]["name"] for item in listed["items"]]
    check("custom list by label", names == ["two"] and listed["kind"] == "CronTabList", names)

    patched = api.patch_namespaced_custom_object(*args, "one", {"spec": {"replicas": 3}})
    check("custom merge patch", patched["spec"]["replicas"] == 3 and
          patched["spec"]["image"] == "my-cron-image" and patched["metadata"]["generation"] == 2,
          json.dumps(patched))

    try:
        api.patch_namespaced_custom_object(*args, "one", {"spec": {"replicas": 11}})
        check("custom invalid patch rejected", False, "accepted replicas 11")
    except ApiException as e:
        check("custom invalid patch rejected", e.status == 422 and
              "should be less than or equal to 10" in e.body, f"{e.status} {e.body}")

    body = dict(patched)
    body["spec"] = {"cronSpec": "0 * * * *", "image": "other-image", "replicas": 4}
    replaced = api.replace_namespaced_custom_object(*args, "one", body)
    check("custom replace", replaced["spec"]["image"] == "other-image" and
          replaced["metadata"]["resourceVersion"] != patched["metadata"]["resourceVersion"],
          json.dumps(replaced))

    stale = dict(body)
    stale["metadata"] = dict(body["metadata"])  # the resourceVersion before the replace
    try:
        api.replace_namespaced_custom_object(*args, "one", stale)
        check("custom stale replace conflicts", False, "accepted a stale resourceVersion")
    except ApiException as e:
        check("custom stale replace conflicts", e.status == 409, f"{e.status} {e.body}")

    status_patched = api.patch_namespaced_custom_object_status(
        *args, "one", {"status": {"phase": "Running"}, "spec": {"replicas": 9}})
    check("custom status patch", status_patched["status"]["phase"] == "Running" and
          status_patched["spec"]["replicas"] == 4 and
          status_patched["metadata"]["generation"] == replaced["metadata"]["generation"],
          json.dumps(status_patched))
    status = api.get_namespaced_custom_object_status(*args, "one")
    check("custom status get", status["status"]["phase"] == "Running", json.dumps(status))
    main_patched = api.patch_namespaced_custom_object(*args, "one", {"status": {"phase": "Lost"}})
    check("custom main endpoint ignores status", main_patched["status"]["phase"] == "Running",
          json.dumps(main_patched))

    api.delete_namespaced_custom_object(*args, "one")
    try:
        api.get_namespaced_custom_object(*args, "one")
        check("custom delete", False, "still there")
    except ApiException as e:
        check("custom delete", e.status == 404, f"{e.status} {e.body}")
    api.delete_namespaced_custom_object(*args, "two")


def dynamic_client(api_client, namespace, cache_dir):
    dyn = dynamic.DynamicClient(api_client, cache_file=f"{cache_dir}/discovery.json")
    crontabs = dyn.resources.get(api_version=f"{GROUP}/{VERSION}", kind="CronTab")
    check("dynamic discovery", crontabs.name == PLURAL and crontabs.namespaced and
          "ct" in (crontabs.short_names or []), f"{crontabs.name} {crontabs.short_names}")

    before = crontabs.get(namespace=namespace)
    start = before.metadata.resourceVersion
    created = crontabs.create(body=cron_tab("dyn", 5, {"via": "dynamic"}), namespace=namespace)
    check("dynamic create", created.metadata.name == "dyn", str(created))
    got = crontabs.get(name="dyn", namespace=namespace)
    check("dynamic get", got.spec.replicas == 5, str(got))
    listed = crontabs.get(namespace=namespace, label_selector="via=dynamic")
    check("dynamic list", [i.metadata.name for i in listed.items] == ["dyn"], str(listed))

    try:
        crontabs.patch(name="dyn", namespace=namespace, body={"spec": {"replicas": 6}})
        check("dynamic strategic merge refused", False, "accepted")
    except ApiException as e:
        check("dynamic strategic merge refused", e.status == 415, f"{e.status} {e.body}")
    crontabs.patch(name="dyn", namespace=namespace, body={"spec": {"replicas": 6}},
                   content_type="application/merge-patch+json")

    # From the list's resourceVersion: the create, then the patch.
    seen = []
    for event in crontabs.watch(namespace=namespace, resource_version=start, timeout=10):
        seen.append(f"{event['type']} {event['object'].metadata.name} "
                    f"{event['object'].spec.replicas}")
        if event["type"] == "MODIFIED":
            break
    check("dynamic watch", seen == ["ADDED dyn 5", "MODIFIED dyn 6"], seen)

    crontabs.delete(name="dyn", namespace=namespace)
    left = crontabs.get(namespace=namespace)
    check("dynamic delete", left.items == [], str(left))


def main():
    kubeconfig, namespace, cache_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    api_client = config.new_client_from_config(config_file=kubeconfig)
    install_crd(api_client)
    custom_objects(api_client, namespace)
    dynamic_client(api_client, namespace, cache_dir)
    print("DONE" if failures == 0 else f"{failures} FAILED")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
