package io.github.cloudkit.gateway.filters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import com.netflix.zuul.ZuulFilter;

import io.github.cloudkit.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.netflix.zuul.filters.route.RibbonRoutingFilter;

/** The running gateway's Zuul filters, Spring Cloud's and the kit's, in the sequence {@link FilterOrder} describes. */
class FilterOrderTests extends GatewayTestSupport {

	@Autowired
	List<ZuulFilter> filters;

	@Test
	void everyPhaseRunsTheKitFiltersWhereFilterOrderPutsThem() {
		assertThat(phase("pre")).containsSubsequence("RequestLoggingFilter", "PreDecorationFilter", "RateLimitFilter",
				"LoadSheddingFilter", "StreamedBodyFilter");
		assertThat(phase("route")).startsWith("BodilessRoutingFilter");
		assertThat(phase("post")).containsSubsequence("ServedByHeaderFilter", "SendResponseFilter");
		assertThat(phase("error")).containsSubsequence("JsonErrorFilter", "SendErrorFilter");
	}

	@Test
	void theRoutingFilterIsSpringCloudsWithItsDisableSwitch() {
		List<ZuulFilter> routing = filters.stream().filter(RibbonRoutingFilter.class::isInstance)
				.collect(Collectors.toList());
		assertThat(routing).hasSize(1);
		assertThat(routing.get(0).disablePropertyName()).isEqualTo("zuul.RibbonRoutingFilter.route.disable");
	}

	@Test
	void noTwoFiltersOfAPhaseShareAPositionWhoseOrderZuulWouldLeaveToChance() {
		for (String type : List.of("pre", "route", "post", "error")) {
			List<Integer> orders = filters.stream().filter(filter -> type.equals(filter.filterType()))
					.map(ZuulFilter::filterOrder).collect(Collectors.toList());
			assertThat(orders).as(type).doesNotHaveDuplicates();
		}
	}

	private List<String> phase(String type) {
		return filters.stream().filter(filter -> type.equals(filter.filterType()))
				.sorted(Comparator.comparingInt(ZuulFilter::filterOrder))
				.map(filter -> filter.getClass().getSimpleName()).collect(Collectors.toList());
	}

}
