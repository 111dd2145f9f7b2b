package io.regiongate.routes;

import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;

/**
 * Node ids are unique across a context's routes: a second entry to the same steps (the
 * component's, beside the HTTP API's) prefixes every id it assigned, nested ones included.
 */
final class NodeIds {

    private NodeIds() {
    }

    static void prefix(RouteDefinition route, String prefix) {
        route.getOutputs().forEach(node -> prefix(node, prefix));
    }

    private static void prefix(ProcessorDefinition<?> node, String prefix) {
        if (node.hasCustomIdAssigned()) {
            node.setId(prefix + node.getId());
        }
        node.getOutputs().forEach(child -> prefix(child, prefix));
    }
}
