#include "apiserver/endpoints/pod_proxy.h"

#include <set>

#include "apiserver/endpoints/query_params.h"
#include "apiserver/operations/pods.h"
#include "common/api/errors.h"
#include "common/http/tunnel.h"
#include "common/http/upgrade_headers.h"
#include "common/http/upgradable_server.h"
#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::apiserver {
namespace {

constexpr absl::Duration kDialTimeout = absl::Seconds(10);

std::string PercentEncode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// The client's query minus what only the apiserver reads.
std::string ForwardedQuery(const httplib::Request& request, const std::set<std::string>& drop) {
  std::string query;
  for (const auto& [name, value] : request.params) {
    if (drop.contains(name)) continue;
    kube::StrAppend(&query, query.empty() ? "?" : "&", PercentEncode(name), "=",
                    PercentEncode(value));
  }
  return query;
}

// Sends `head` (a request line and headers) to the kubelet at `location` and
// then relays bytes both ways between it and the client until both are done.
absl::Status Tunnel(const KubeletLocation& location, const std::string& head,
                    const httplib::Request& request, const KubeletConnector& kubelets) {
  absl::StatusOr<http::OwnedSocket> kubelet =
      kubelets.Dial(location.host, location.port, kDialTimeout);
  if (!kubelet.ok()) {
    return api::ServiceUnavailableError(
        kube::StrCat("error dialing backend: ", std::string(kubelet.status().message())));
  }
  absl::StatusOr<std::unique_ptr<http::TakenConnection>> client =
      http::TakenConnection::Take(request);
  if (!client.ok()) return api::InternalError(std::string(client.status().message()));
  if (absl::Status sent = http::WriteAll(kubelet->fd(), head); !sent.ok()) {
    KLOG(Warning) << "kubelet of node " << location.node << ": " << sent;
    return absl::OkStatus();  // the connection is ours now: closing it is the answer
  }
  http::Splice((*client)->fd(), kubelet->fd());
  return absl::OkStatus();
}

std::string RequestHead(const KubeletLocation& location, const std::string& path) {
  return kube::StrCat("GET ", path, " HTTP/1.1\r\nHost: ", location.host, ":", location.port,
                      "\r\nUser-Agent: kube-apiserver\r\n");
}

}  // namespace

absl::Status ServePodLog(const StoreView& stores, const Store& pods, const RequestInfo& info,
                         const httplib::Request& request, httplib::Response& response,
                         const KubeletConnector& kubelets) {
  absl::StatusOr<KubeletLocation> location = LocatePodContainer(
      pods, stores.Find("", "Node"), info.namespace_, info.name, QueryParam(request, "container"),
      /*for_logs=*/true, BoolQueryParam(request, "previous"));
  if (!location.ok()) return location.status();
  std::string path = kube::StrCat(
      "/containerLogs/", PercentEncode(info.namespace_), "/", PercentEncode(info.name), "/",
      PercentEncode(location->container),
      ForwardedQuery(request, {"container", "insecureSkipTLSVerifyBackend", "pretty"}));
  // Connection: close makes the kubelet end its answer by closing, which ends
  // the tunnel and with it the client's connection.
  return Tunnel(*location,
                kube::StrCat(RequestHead(*location, path), "Accept: */*\r\nConnection: close\r\n\r\n"),
                request, kubelets);
}

absl::Status ServePodExec(const StoreView& stores, const Store& pods, const RequestInfo& info,
                          const httplib::Request& request, httplib::Response& response,
                          const KubeletConnector& kubelets) {
  absl::StatusOr<KubeletLocation> location =
      LocatePodContainer(pods, stores.Find("", "Node"), info.namespace_, info.name,
                         QueryParam(request, "container"), /*for_logs=*/false, false);
  if (!location.ok()) return location.status();
  std::string path =
      kube::StrCat("/exec/", PercentEncode(info.namespace_), "/", PercentEncode(info.name), "/",
                   PercentEncode(location->container), ForwardedQuery(request, {"container"}));
  // The upgrade handshake is between the client and the kubelet.
  std::string head =
      kube::StrCat(RequestHead(*location, path), http::UpgradeHeaderLines(request), "\r\n");
  return Tunnel(*location, head, request, kubelets);
}

absl::Status ServePodPortForward(const StoreView& stores, const Store& pods,
                                 const RequestInfo& info, const httplib::Request& request,
                                 httplib::Response& response, const KubeletConnector& kubelets) {
  absl::StatusOr<ObjectPtr> object = pods.Get(info.namespace_, info.name);
  if (!object.ok()) return object.status();
  const auto& pod = static_cast<const k8s::core::v1::Pod&>(**object);
  if (pod.spec().containers().empty()) return api::BadRequestError("the pod has no containers");
  // Any container locates the node; the forwarding is to the pod's network.
  absl::StatusOr<KubeletLocation> location =
      LocatePodContainer(pods, stores.Find("", "Node"), info.namespace_, info.name,
                         pod.spec().containers(0).name(), /*for_logs=*/false, false);
  if (!location.ok()) return location.status();
  std::string path = kube::StrCat("/portForward/", PercentEncode(info.namespace_), "/",
                                  PercentEncode(info.name), ForwardedQuery(request, {}));
  std::string head =
      kube::StrCat(RequestHead(*location, path), http::UpgradeHeaderLines(request), "\r\n");
  return Tunnel(*location, head, request, kubelets);
}

}  // namespace kube::apiserver
