#!/usr/bin/env python3
"""A WatchList as client-go 0.35 opens one, through the official Python client.

Usage: watch_list.py KUBECONFIG NAMESPACE

Opens `watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&
allowWatchBookmarks=true` on the namespace's ConfigMaps through the client's own
ApiClient (its TLS, credentials and deserializer; python3-kubernetes 22 predates
the sendInitialEvents keyword, so the query is passed as is), reads events until
the bookmark annotated k8s.io/initial-events-end, and prints one line per event:
"ADDED <name>" or "BOOKMARK <resourceVersion> <annotation value>". Exits 1 if
the stream ends before that bookmark.
"""
import json
import sys

from kubernetes import client, config


def main():
    kubeconfig, namespace = sys.argv[1], sys.argv[2]
    api = config.new_client_from_config(config_file=kubeconfig)
    response = api.call_api(
        f"/api/v1/namespaces/{namespace}/configmaps", "GET",
        query_params=[("watch", "true"), ("sendInitialEvents", "true"),
                      ("resourceVersionMatch", "NotOlderThan"),
                      ("allowWatchBookmarks", "true"), ("timeoutSeconds", "30")],
        header_params={"Accept": "application/json"},
        auth_settings=["BearerToken"], _preload_content=False, _return_http_data_only=True)
    buffered = b""
    for chunk in response.stream(4096):
        buffered += chunk
        while b"\n" in buffered:
            line, buffered = buffered.split(b"\n", 1)
            if not line.strip():
                continue
            event = json.loads(line)
            kind = event["type"]
            if kind == "ADDED":
                # The client's own model deserializer must accept the object.
                holder = type("Holder", (), {"data": json.dumps(event["object"])})
                config_map = api.deserialize(holder, "V1ConfigMap")
                print(f"ADDED {config_map.metadata.name}")
            elif kind == "BOOKMARK":
                metadata = event["object"]["metadata"]
                annotation = (metadata.get("annotations") or {}).get("k8s.io/initial-events-end", "")
                print(f"BOOKMARK {metadata['resourceVersion']} {annotation}")
                if annotation == "true":
                    response.release_conn()
                    return 0
            else:
                print(f"{kind} {json.dumps(event['object'])}")
    print("stream ended before the initial-events-end bookmark")
    return 1


if __name__ == "__main__":
    sys.exit(main())
