#pragma once

#include <string_view>

#include <httplib.h>

#include "common/auth/authorizer.h"
#include "apiserver/endpoints/request_info.h"

namespace kube::apiserver {

// What a REST request asks to do, for the authorizer, as upstream's
// RequestInfoFactory decides it: GET of an object is get, of a collection list (or
// watch with ?watch / the /watch/ prefix; a metadata.name field selector names the
// object), POST create, PUT update, PATCH patch, DELETE delete or, on a collection,
// deletecollection. The streaming pod subresources (exec, attach, portforward) are
// create even when opened with a WebSocket GET, as upstream authorizes them. Other
// paths are the lower-cased method on the path. The user is left unset.
auth::Attributes RestRequestAttributes(const httplib::Request& request,
                                                const RequestInfo& info);

}  // namespace kube::apiserver
