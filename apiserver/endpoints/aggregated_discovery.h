#pragma once

#include <string>
#include <string_view>

#include "apiserver/endpoints/discovery.h"

namespace kube::apiserver {

// Which aggregated discovery form a client accepts (kubectl 1.26+ asks for it
// first, so /api and /apis answer everything in two requests).
enum class AggregatedForm { kNone, kV2, kV2Beta1 };

// The first aggregated form in `accept`, in the client's order; kNone when the
// client asks for none (or only for protobuf, which is not served).
AggregatedForm NegotiateAggregatedDiscovery(std::string_view accept);

// The aggregated documents (apidiscovery.k8s.io APIGroupDiscoveryList) for /api
// (the core group) and /apis (every other group, versions preferred first), each
// with its ETag. Built once from `discovery`; immutable afterwards.
class AggregatedDiscovery {
 public:
  explicit AggregatedDiscovery(const Discovery& discovery);

  struct Document {
    std::string body;
    std::string etag;          // quoted, as the header carries it
    std::string content_type;  // application/json;g=apidiscovery.k8s.io;v=...;as=APIGroupDiscoveryList
  };
  // `form` is kV2 or kV2Beta1.
  const Document& Get(bool core, AggregatedForm form) const;

 private:
  Document core_v2_;
  Document core_v2beta1_;
  Document groups_v2_;
  Document groups_v2beta1_;
};

}  // namespace kube::apiserver
