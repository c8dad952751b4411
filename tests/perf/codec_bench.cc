// codec-bench: nanoseconds per EncodeJson, DecodeJson and ClearZeroValues, and per
// EncodeJsonValue and DecodeJsonValue (the RapidJSON-value forms), on a Pod as the
// apiserver stores it after a create: the sample body plus what defaulting and
// admission add. Prints figures only; it asserts nothing about speed.
//
//   codec-bench [iterations [name]]     (default 20000 of each; name picks one)
//
// ClearZeroValues is timed with a copy of the pod, whose own time is subtracted. For
// instructions per call, run one under callgrind at two counts and take the difference
// (the first call also loads descriptors): `valgrind --tool=callgrind codec-bench 100
// EncodeJson`.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/codec/json_decode.h"
#include "common/codec/json_encode.h"
#include "common/codec/json_text.h"
#include "common/codec/zero_values.h"
#include "k8s/core/v1/core.pb.h"

namespace {

constexpr char kSamplePod[] =
    R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-7d4b9c","namespace":"default",)"
    R"("labels":{"app":"web","tier":"front"},"annotations":{"note":"x"}},"spec":{"containers":)"
    R"([{"name":"web","image":"nginx:1.27","args":["sleep","3600"],"ports":[{"name":"http",)"
    R"("containerPort":80,"protocol":"TCP"}],"env":[{"name":"MODE","value":"prod"}],)"
    R"("resources":{"requests":{"cpu":"100m","memory":"64Mi"},"limits":{"cpu":"500m",)"
    R"("memory":"128Mi"}},"volumeMounts":[{"name":"data","mountPath":"/data"}],)"
    R"("readinessProbe":{"httpGet":{"path":"/healthz","port":80},"periodSeconds":5}}],)"
    R"("volumes":[{"name":"data","emptyDir":{}}]}})";

// What kube-apiserver adds on create: identity, defaults, admission, status.
k8s::core::v1::Pod StoredPod() {
  k8s::core::v1::Pod pod;
  if (absl::Status status = kube::codec::DecodeJson(kSamplePod, pod); !status.ok()) {
    std::fprintf(stderr, "sample pod: %s\n", std::string(status.message()).c_str());
    std::exit(1);
  }
  auto* meta = pod.mutable_metadata();
  meta->set_uid("6f1c2b8e-3d4a-4b7c-9e21-5a8f0d3c7b14");
  meta->set_resourceversion("12345");
  meta->mutable_creationtimestamp()->set_seconds(1717171717);
  auto* spec = pod.mutable_spec();
  spec->set_restartpolicy("Always");
  spec->set_terminationgraceperiodseconds(30);
  spec->set_dnspolicy("ClusterFirst");
  spec->set_serviceaccountname("default");
  spec->set_serviceaccount("default");
  spec->mutable_securitycontext();
  spec->set_schedulername("default-scheduler");
  spec->set_priority(0);
  spec->set_enableservicelinks(true);
  spec->set_preemptionpolicy("PreemptLowerPriority");
  for (const char* key : {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}) {
    auto* toleration = spec->add_tolerations();
    toleration->set_key(key);
    toleration->set_operator_("Exists");
    toleration->set_effect("NoExecute");
    toleration->set_tolerationseconds(300);
  }
  auto* container = spec->mutable_containers(0);
  container->set_terminationmessagepath("/dev/termination-log");
  container->set_terminationmessagepolicy("File");
  container->set_imagepullpolicy("IfNotPresent");
  auto* probe = container->mutable_readinessprobe();
  probe->mutable_handler()->mutable_httpget()->set_scheme("HTTP");
  probe->set_timeoutseconds(1);
  probe->set_successthreshold(1);
  probe->set_failurethreshold(3);
  auto* status = pod.mutable_status();
  status->set_phase("Pending");
  status->set_qosclass("Burstable");
  return pod;
}

template <typename F>
double NanosPerCall(int iterations, F&& call) {
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) call();
  const auto elapsed = std::chrono::steady_clock::now() - start;
  return std::chrono::duration<double, std::nano>(elapsed).count() / iterations;
}

}  // namespace

int main(int argc, char** argv) {
  const int iterations = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20000;
  const std::string only = argc > 2 ? argv[2] : "";
  const k8s::core::v1::Pod pod = StoredPod();
  const std::string json = kube::codec::EncodeJson(pod);
  // The apiserver parses bodies itself and decodes the parsed value, and builds a DOM
  // for table output.
  rapidjson::Document parsed;
  if (!kube::codec::ParseJson(json, parsed).ok()) return 1;

  size_t sink = 0;  // keeps the calls from being optimised away
  auto report = [&](const char* name, auto&& call) {
    if (!only.empty() && only != name) return 0.0;
    const double nanos = NanosPerCall(iterations, call);
    std::printf("%-16s %8.0f ns\n", name, nanos);
    return nanos;
  };
  std::printf("sample pod: %zu bytes of JSON, %d iterations\n", json.size(), iterations);
  report("EncodeJson", [&] { sink += kube::codec::EncodeJson(pod).size(); });
  report("DecodeJson", [&] {
    k8s::core::v1::Pod decoded;
    sink += kube::codec::DecodeJson(json, decoded).ok();
  });
  report("EncodeJsonValue", [&] {
    rapidjson::Document document;
    kube::codec::EncodeJsonValue(pod, document, document.GetAllocator());
    sink += document.MemberCount();
  });
  report("DecodeJsonValue", [&] {
    k8s::core::v1::Pod decoded;
    sink += kube::codec::DecodeJsonValue(parsed, decoded).ok();
  });
  // ClearZeroValues needs a fresh message each time: the copy is timed on its own.
  const double copy = report("CopyPod", [&] {
    k8s::core::v1::Pod copied = pod;
    sink += copied.spec().containers_size();
  });
  const double copy_and_clear = report("CopyPod+Clear", [&] {
    k8s::core::v1::Pod copied = pod;
    kube::codec::ClearZeroValues(copied);
    sink += copied.spec().containers_size();
  });
  if (only.empty()) std::printf("%-16s %8.0f ns\n", "ClearZeroValues", copy_and_clear - copy);
  return sink == 0 ? 1 : 0;
}
