// kube-pki: creates and renews the cluster's certificates, keys and kubeconfigs
// (kubeadm's files, k3s' renewal rules). See `kube-pki --help`.

#include "kube-pki/app/command_line.h"

int main(int argc, char** argv) { return kube::pki::app::RunKubePki(argc, argv); }
