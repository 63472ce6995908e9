package dev.mskcdc.transforms;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.components.Versioned;

/**
 * What every plugin of this module answers the same way: its ConfigDef and the project version.
 * Transformation and Predicate both declare {@code config()}; this class implements it for either.
 */
public abstract class PluginBase implements Versioned {

    private final ConfigDef configDef;

    protected PluginBase(ConfigDef configDef) {
        this.configDef = configDef;
    }

    public ConfigDef config() {
        return configDef;
    }

    @Override
    public String version() {
        return TransformsVersion.get();
    }
}
