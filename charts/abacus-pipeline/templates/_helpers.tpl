{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "abacus-pipeline.chartName" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "abacus-pipeline.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Name of the CalculatorPipeline: .Values.name, else the release name. The CRD only accepts a DNS label of at
most 50 characters starting with a letter (it prefixes Service names), so anything else fails here already.
*/}}
{{- define "abacus-pipeline.name" -}}
{{- $name := default .Release.Name .Values.name -}}
{{- if or (gt (len $name) 50) (not (regexMatch "^[a-z]([-a-z0-9]*[a-z0-9])?$" $name)) -}}
{{- fail (printf "pipeline name %q must be a DNS label of at most 50 characters starting with a letter (it prefixes Service names): set name or use another release name" $name) -}}
{{- end -}}
{{- $name -}}
{{- end -}}

{{- define "abacus-pipeline.selectorLabels" -}}
app.kubernetes.io/name: {{ include "abacus-pipeline.chartName" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: pipeline
{{- end -}}

{{- define "abacus-pipeline.labels" -}}
{{ include "abacus-pipeline.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: abacus
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ include "abacus-pipeline.chart" . }}
{{- end -}}

{{/* A Secret key reference ({name, key}); empty when not set. */}}
{{- define "abacus-pipeline.secretKey" -}}
{{- if and . .name -}}
name: {{ .name | quote }}
key: {{ .key | quote }}
{{- end -}}
{{- end -}}

{{/* spec.topics.<role>: name and config, each only when set; empty when neither is. */}}
{{- define "abacus-pipeline.topic" -}}
{{- with . -}}
{{- with .name }}
name: {{ . | quote }}
{{- end }}
{{- with .config }}
config:
  {{- range $key, $value := . }}
  {{ $key | quote }}: {{ $value | quote }}
  {{- end }}
{{- end }}
{{- end -}}
{{- end -}}

{{/* spec.commander|processor|view: replicas, and image, resources and env when set. */}}
{{- define "abacus-pipeline.component" -}}
replicas: {{ .replicas | int }}
{{- with .image }}
image: {{ . | quote }}
{{- end }}
{{- with .resources }}
resources:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .env }}
env:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
