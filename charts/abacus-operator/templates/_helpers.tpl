{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "abacus-operator.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-qualified name; the release name alone when it already contains the chart name. */}}
{{- define "abacus-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "abacus-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "abacus-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "abacus-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "abacus-operator.labels" -}}
{{ include "abacus-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | quote }}
app.kubernetes.io/part-of: abacus
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ include "abacus-operator.chart" . }}
{{- end -}}

{{- define "abacus-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "abacus-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "abacus-operator.image" -}}
{{- printf "%s/operator:%s" (required "image.registry is required" .Values.image.registry) (.Values.image.operatorTag | default (required "image.tag is required" .Values.image.tag)) -}}
{{- end -}}

{{/* Namespaces the operator watches; empty for cluster scope (all namespaces). */}}
{{- define "abacus-operator.watchNamespaces" -}}
{{- if eq .Values.rbac.scope "namespace" -}}
{{- if .Values.watchNamespaces -}}
{{- join "," .Values.watchNamespaces -}}
{{- else -}}
{{- .Release.Namespace -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Label matchers of the pipeline series the alerts watch: those the PodMonitor labels, in the watched namespaces. */}}
{{- define "abacus-operator.pipelineSeries" -}}
{{- if eq .Values.rbac.scope "namespace" -}}
namespace=~"{{ include "abacus-operator.watchNamespaces" . | replace "," "|" }}", pipeline!=""
{{- else -}}
pipeline!=""
{{- end -}}
{{- end -}}

{{/* Label matchers of this release's operator series, as its ServiceMonitor scrapes them. */}}
{{- define "abacus-operator.operatorSeries" -}}
namespace="{{ .Release.Namespace }}"
{{- end -}}

{{/* Labels of one alert: its severity, then monitoring.prometheusRules.alertLabels. Call with (list . severity). */}}
{{- define "abacus-operator.alertLabels" -}}
{{- $root := index . 0 -}}
{{- toYaml (merge (dict "severity" (index . 1)) (deepCopy $root.Values.monitoring.prometheusRules.alertLabels)) -}}
{{- end -}}

{{/*
Rules the operator needs where it manages pipelines: exactly the resources and verbs its code
uses (checked by ChartOnControlPlaneIT against the real operator's requests in the API server's audit log).
*/}}
{{- define "abacus-operator.pipelineRules" -}}
- apiGroups: ["abacus.dev"]
  resources: ["calculatorpipelines"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["abacus.dev"]
  resources: ["calculatorpipelines/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["abacus.dev"]
  resources: ["calculatorpipelines/finalizers"]
  verbs: ["update"]
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: [""]
  resources: ["serviceaccounts"]
  verbs: ["list", "watch", "create", "patch"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["networking.k8s.io"]
  resources: ["networkpolicies"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: [""]
  resources: ["secrets"]
  {{- with .Values.rbac.secretNames }}
  resourceNames: {{ toJson . }}
  {{- end }}
  verbs: ["get"]
- apiGroups: ["events.k8s.io"]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end -}}

{{- define "abacus-operator.leaderElectionRules" -}}
- apiGroups: ["coordination.k8s.io"]
  resources: ["leases"]
  verbs: ["get", "create", "update", "patch"]
{{- end -}}
