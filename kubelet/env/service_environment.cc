#include "kubelet/env/service_environment.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "common/util/strings.h"

namespace kube::kubelet {
namespace {

using k8s::core::v1::Service;

constexpr char kMasterServiceNamespace[] = "default";
constexpr char kMasterServiceName[] = "kubernetes";

std::string VariableName(const std::string& name) {
  std::string out = name;
  for (char& c : out) c = c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool HasClusterIp(const Service& service) {
  const std::string& ip = service.spec().clusterip();
  return !ip.empty() && ip != "None";
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string HostPort(const std::string& ip, int32_t port) {
  // IPv6 addresses are bracketed, as net.JoinHostPort does.
  if (ip.find(':') != std::string::npos) return kube::StrCat("[", ip, "]:", port);
  return kube::StrCat(ip, ":", port);
}

}  // namespace

std::vector<std::shared_ptr<const Service>> ServicesForPod(const k8s::core::v1::Pod& pod,
                                                           ObjectSource& objects) {
  const std::string& ns = pod.metadata().namespace_();
  const bool links = !pod.spec().has_enableservicelinks() || pod.spec().enableservicelinks();
  std::map<std::string, std::shared_ptr<const Service>> by_name;
  if (links) {
    for (auto& service : objects.ListServices(ns)) {
      if (HasClusterIp(*service)) by_name[service->metadata().name()] = service;
    }
  }
  if (!by_name.contains(kMasterServiceName)) {
    for (auto& service : objects.ListServices(kMasterServiceNamespace)) {
      if (service->metadata().name() == kMasterServiceName && HasClusterIp(*service)) {
        by_name[kMasterServiceName] = service;
      }
    }
  }
  std::vector<std::shared_ptr<const Service>> out;
  out.reserve(by_name.size());
  for (auto& [name, service] : by_name) out.push_back(std::move(service));
  return out;
}

EnvList ServiceEnvironment(const std::vector<std::shared_ptr<const Service>>& services) {
  EnvList env;
  for (const auto& service : services) {
    if (!HasClusterIp(*service) || service->spec().ports().empty()) continue;
    const std::string& ip = service->spec().clusterip();
    const std::string prefix = VariableName(service->metadata().name());
    env.emplace_back(prefix + "_SERVICE_HOST", ip);
    env.emplace_back(prefix + "_SERVICE_PORT", std::to_string(service->spec().ports(0).port()));
    for (const auto& port : service->spec().ports()) {
      if (port.name().empty()) continue;
      env.emplace_back(kube::StrCat(prefix, "_SERVICE_PORT_", VariableName(port.name())),
                       std::to_string(port.port()));
    }
    bool first = true;
    for (const auto& port : service->spec().ports()) {
      std::string protocol = port.protocol().empty() ? "TCP" : port.protocol();
      std::string upper = VariableName(protocol);
      std::string lower = Lower(protocol);
      std::string url = kube::StrCat(lower, "://", HostPort(ip, port.port()));
      if (first) env.emplace_back(prefix + "_PORT", url);
      first = false;
      std::string port_prefix = kube::StrCat(prefix, "_PORT_", port.port(), "_", upper);
      env.emplace_back(port_prefix, url);
      env.emplace_back(port_prefix + "_PROTO", lower);
      env.emplace_back(port_prefix + "_PORT", std::to_string(port.port()));
      env.emplace_back(port_prefix + "_ADDR", ip);
    }
  }
  return env;
}

}  // namespace kube::kubelet
