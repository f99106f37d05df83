import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

export { connectHttp, connectStdio, startMcpHttp, type McpProcess } from '../../scripts/mcp/clients.ts';

export type ToolResult = { isError?: boolean; structuredContent?: Record<string, unknown>; content: { type: string; text: string }[] };

export const callTool = async (client: Client, name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as ToolResult;
