#pragma once

#include <string>
#include <vector>

#include <google/protobuf/map.h>

#include "common/api/field_error.h"
#include "k8s/meta/v1/meta.pb.h"
#include "k8s/util/intstr/intstr.pb.h"

namespace kube::apiserver {

// Upstream renders the bad value of a field error with Go's fmt: a Stringer's
// String(), `%q` for strings, `%#v` for everything else. kubectl prints those
// messages verbatim, so these helpers reproduce the renderings we need.

// `%#v` of a map[string]string: map[string]string{"a":"1", "b":"2"} (keys sorted),
// or map[string]string(nil) when empty.
std::string GoStringMap(const google::protobuf::Map<std::string, std::string>& map);

// A *metav1.LabelSelector as printed through its generated String():
// &LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]...{},}
// or null when absent.
std::string GoLabelSelector(const k8s::meta::v1::LabelSelector* selector);

// intstr.IntOrString's String(): "25%" or "3", unquoted.
std::string GoIntOrString(const k8s::util::intstr::IntOrString& value);

// A field error whose value is already rendered (not quoted again).
api::FieldError InvalidRendered(std::string field, std::string rendered, std::string detail);
api::FieldError NotSupportedRendered(std::string field, std::string rendered,
                                     const std::vector<std::string>& supported);

}  // namespace kube::apiserver
