#include "common/client/client.h"

#include "common/util/strings.h"

namespace kube::client::internal {

absl::Status WrongType(const google::protobuf::Message& object,
                       const google::protobuf::Descriptor* expected) {
  return absl::InternalError(StrCat("the server answered with a ", object.GetDescriptor()->name(),
                                    " where a ", expected->name(), " was expected"));
}

}  // namespace kube::client::internal
