import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

/** Element types the fixture graphs use, with their ONNX TensorProto.DataType codes. */
const ELEMENT_TYPE_CODES = { float: 1, int64: 7 } as const;
export type OnnxElementType = keyof typeof ELEMENT_TYPE_CODES;

export type OnnxTensor =
  | { name: string; elementType: 'float'; dims: number[]; values: Float32Array }
  | { name: string; elementType: 'int64'; dims: number[]; values: BigInt64Array };

/** A graph input or output: a name, an element type and a shape whose string entries are symbolic (dynamic). */
export interface OnnxValueInfo {
  name: string;
  elementType: OnnxElementType;
  shape: (number | string)[];
}

export type OnnxAttribute =
  | { name: string; kind: 'int'; value: number }
  | { name: string; kind: 'ints'; value: number[] }
  | { name: string; kind: 'float'; value: number };

export interface OnnxNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  name?: string;
  attributes?: OnnxAttribute[];
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

export interface OnnxModelOptions {
  /** Default opset of the 'ai.onnx' domain. */
  opsetVersion: number;
  /** IR version 8 (ONNX 1.10+) is read by every current onnxruntime. */
  irVersion?: number;
  producerName?: string;
  documentation?: string;
}

const ATTRIBUTE_TYPE_CODES = { float: 1, int: 2, ints: 7 } as const;
const PROTO_PATH = fileURLToPath(new URL('./onnx-subset.proto', import.meta.url));

let cachedModelType: protobuf.Type | undefined;

/** The ModelProto message type, parsed once from the hand-written onnx.proto subset. */
export function onnxModelType(): protobuf.Type {
  if (!cachedModelType) {
    // keepCase so field names stay snake_case exactly as in the ONNX spec.
    const root = protobuf.parse(readFileSync(PROTO_PATH, 'utf8'), { keepCase: true }).root;
    cachedModelType = root.lookupType('onnx.ModelProto');
  }
  return cachedModelType;
}

function tensorMessage(tensor: OnnxTensor): Record<string, unknown> {
  const bytes = new Uint8Array(tensor.values.buffer, tensor.values.byteOffset, tensor.values.byteLength);
  // raw_data is little-endian by spec; typed arrays are little-endian on every platform Node supports.
  return { name: tensor.name, dims: tensor.dims, data_type: ELEMENT_TYPE_CODES[tensor.elementType], raw_data: bytes };
}

function valueInfoMessage(value: OnnxValueInfo): Record<string, unknown> {
  return {
    name: value.name,
    type: {
      tensor_type: {
        elem_type: ELEMENT_TYPE_CODES[value.elementType],
        shape: { dim: value.shape.map((dimension) => (typeof dimension === 'number' ? { dim_value: dimension } : { dim_param: dimension })) },
      },
    },
  };
}

function attributeMessage(attribute: OnnxAttribute): Record<string, unknown> {
  const base = { name: attribute.name, type: ATTRIBUTE_TYPE_CODES[attribute.kind] };
  if (attribute.kind === 'int') return { ...base, i: attribute.value };
  if (attribute.kind === 'ints') return { ...base, ints: attribute.value };
  return { ...base, f: attribute.value };
}

/** Serialises a graph into ONNX ModelProto bytes (the content of a model.onnx file). */
export function encodeOnnxModel(graph: OnnxGraph, options: OnnxModelOptions): Uint8Array {
  const modelType = onnxModelType();
  const message = {
    ir_version: options.irVersion ?? 8,
    producer_name: options.producerName ?? 'shoplens-onnx-fixture',
    producer_version: '1',
    doc_string: options.documentation ?? '',
    opset_import: [{ domain: '', version: options.opsetVersion }],
    graph: {
      name: graph.name,
      node: graph.nodes.map((node, index) => ({
        name: node.name ?? `${node.opType.toLowerCase()}_${index}`,
        op_type: node.opType,
        input: node.inputs,
        output: node.outputs,
        attribute: (node.attributes ?? []).map(attributeMessage),
      })),
      initializer: graph.initializers.map(tensorMessage),
      input: graph.inputs.map(valueInfoMessage),
      output: graph.outputs.map(valueInfoMessage),
    },
  };
  const problem = modelType.verify(message);
  if (problem) throw new TypeError(`Invalid ONNX model message: ${problem}`);
  return modelType.encode(modelType.fromObject(message)).finish();
}

/** Decodes ModelProto bytes into a plain object (longs as numbers), for checks and debugging. */
export function decodeOnnxModel(bytes: Uint8Array): Record<string, unknown> {
  const modelType = onnxModelType();
  return modelType.toObject(modelType.decode(bytes), { longs: Number, bytes: Array, defaults: false }) as Record<string, unknown>;
}
