#!/usr/bin/python3
"""A scheduler written with the official Kubernetes Python client (Debian's
python3-kubernetes), standing in for kube-scheduler in the swap tests: it talks to
the cluster only through the API, as any replacement would.

It watches pods with no node whose spec.schedulerName is ours, picks the Ready,
schedulable node with the fewest of its pods (a spread), and binds through the
pods/binding subresource. Usage: python_scheduler.py KUBECONFIG SCHEDULER_NAME
"""
import sys

from kubernetes import client, config, watch


def ready_nodes(core):
    nodes = []
    for node in core.list_node().items:
        if node.spec and node.spec.unschedulable:
            continue
        for condition in node.status.conditions or []:
            if condition.type == "Ready" and condition.status == "True":
                nodes.append(node.metadata.name)
    return sorted(nodes)


def pick_node(core, nodes):
    load = {name: 0 for name in nodes}
    for pod in core.list_pod_for_all_namespaces().items:
        if pod.spec.node_name in load:
            load[pod.spec.node_name] += 1
    return min(nodes, key=lambda name: (load[name], name))


def bind(core, pod, node):
    body = client.V1Binding(
        metadata=client.V1ObjectMeta(name=pod.metadata.name),
        target=client.V1ObjectReference(api_version="v1", kind="Node", name=node),
    )
    # The generated client cannot read the Status a binding returns (a known
    # python-client quirk), so the raw response is taken as is.
    core.create_namespaced_binding(pod.metadata.namespace, body, _preload_content=False)


def main():
    kubeconfig, name = sys.argv[1], sys.argv[2]
    config.load_kube_config(config_file=kubeconfig)
    core = client.CoreV1Api()
    print(f"python scheduler {name} started", flush=True)
    while True:
        for event in watch.Watch().stream(core.list_pod_for_all_namespaces,
                                          field_selector="spec.nodeName=",
                                          timeout_seconds=60):
            pod = event["object"]
            if event["type"] == "DELETED" or pod.spec.node_name:
                continue
            if pod.spec.scheduler_name != name:
                continue
            nodes = ready_nodes(core)
            if not nodes:
                print(f"no ready node for {pod.metadata.name}", flush=True)
                continue
            node = pick_node(core, nodes)
            try:
                bind(core, pod, node)
                print(f"bound {pod.metadata.namespace}/{pod.metadata.name} to {node}", flush=True)
            except client.exceptions.ApiException as error:
                print(f"binding {pod.metadata.name}: {error.status} {error.reason}", flush=True)


if __name__ == "__main__":
    main()
