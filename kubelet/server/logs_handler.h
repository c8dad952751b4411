#pragma once

#include <httplib.h>

#include <string>

#include "kubelet/runtime/runtime.h"

namespace kube::kubelet {

// Serves GET /containerLogs/NS/POD/CONTAINER: the container's CRI log file as
// plain text, with kubectl's options (follow, previous, tailLines, timestamps,
// sinceSeconds, sinceTime, limitBytes). A followed log streams (chunked) until the
// container has exited and its file is drained, or the client goes away. Errors
// are Status answers. Runs on the server thread until done.
void ServeContainerLogs(Runtime& runtime, const httplib::Request& request,
                        httplib::Response& response, const std::string& ns,
                        const std::string& pod, const std::string& container);

}  // namespace kube::kubelet
