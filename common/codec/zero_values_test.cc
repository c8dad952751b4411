#include "common/codec/zero_values.h"

#include <catch2/catch.hpp>

#include "codec_test.pb.h"
#include "common/codec/json_encode.h"

namespace kube::codec {
namespace {

TEST_CASE("ClearZeroValues drops zero non-pointer scalars", "[zero]") {
  testing::Pod pod;
  auto* meta = pod.mutable_metadata();
  meta->set_name("shop");
  meta->set_generatename("");
  meta->set_namespace_("");
  meta->set_generation(0);
  meta->mutable_creationtimestamp();         // zero Time
  meta->set_deletiongraceperiodseconds(0);  // a pointer: kept
  (*meta->mutable_labels())["empty"] = "";  // map values are kept
  auto* spec = pod.mutable_spec();
  spec->set_hostnetwork(false);
  spec->set_automountserviceaccounttoken(false);  // pointer
  auto* c = spec->add_containers();
  c->set_name("");
  c->set_stdin(false);
  c->add_args("");                 // list elements are kept
  c->mutable_resources();          // an empty struct stays present
  c->add_ports()->set_hostport(0);
  (*spec->mutable_containersbyname())["x"].set_image("");
  pod.mutable_status()->set_phase("");
  pod.mutable_status()->mutable_starttime()->set_seconds(0);

  ClearZeroValues(pod);
  CHECK_FALSE(meta->has_generatename());
  CHECK_FALSE(meta->has_namespace_());
  CHECK_FALSE(meta->has_generation());
  CHECK_FALSE(meta->has_creationtimestamp());
  CHECK(meta->has_deletiongraceperiodseconds());
  CHECK_FALSE(spec->has_hostnetwork());
  CHECK(spec->has_automountserviceaccounttoken());
  CHECK_FALSE(c->has_name());
  CHECK(c->has_resources());
  CHECK_FALSE(c->ports(0).has_hostport());
  CHECK_FALSE(spec->containersbyname().at("x").has_image());
  CHECK_FALSE(pod.status().has_starttime());
  CHECK(EncodeJson(pod) ==
        R"({"kind":"Pod","apiVersion":"v1","metadata":{"name":"shop",)"
        R"("deletionGracePeriodSeconds":0,"labels":{"empty":""}},"spec":{"containers":[)"
        R"({"args":[""],"ports":[{}],"resources":{}}],"automountServiceAccountToken":false,)"
        R"("containersByName":{"x":{}}},"status":{}})");
}

TEST_CASE("ClearZeroValues keeps non-zero times and form contents", "[zero]") {
  testing::Forms forms;
  forms.mutable_time()->set_nanos(1);
  forms.mutable_micro()->set_seconds(5);
  forms.mutable_port()->set_type(0);
  forms.mutable_port()->set_intval(0);
  forms.mutable_qty()->set_string("");
  forms.add_times();  // a list element, even a zero one, stays
  ClearZeroValues(forms);
  CHECK(forms.has_time());
  CHECK(forms.has_micro());
  CHECK(forms.has_port());
  CHECK(forms.port().ByteSizeLong() == 0);
  CHECK(forms.qty().ByteSizeLong() == 0);
  CHECK(forms.times_size() == 1);
}

}  // namespace
}  // namespace kube::codec
