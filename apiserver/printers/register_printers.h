#pragma once

#include "apiserver/registry/resource_registry.h"

namespace kube::apiserver {

// Start-up only: gives every registered kind its Table printer. Kinds with an
// upstream printer get theirs (printers.h); every other kind, LimitRange among
// them, gets NewDefaultPrinter(). Kinds that are not registered are skipped, and a
// printer already attached is kept.
void AttachPrinters(ResourceRegistry& registry);

}  // namespace kube::apiserver
